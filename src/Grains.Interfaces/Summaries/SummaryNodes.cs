using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>The one mapping from a level of the hierarchy to the grain that holds its summary.</summary>
public static class SummaryNodes
{
    /// <summary>A class's grain, an organization's, or an area's (district, region, republic).</summary>
    public static ISummaryNode SummaryNode(this IGrainFactory grains, NodeKind kind, string id) => kind switch
    {
        NodeKind.Class => grains.GetGrain<IClassGrain>(id),
        NodeKind.Organization => grains.GetGrain<IOrganizationGrain>(id),
        NodeKind.District or NodeKind.Region or NodeKind.Republic => grains.GetGrain<IAreaGrain>(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a level of the hierarchy"),
    };
}
