namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>Names of the roll-up streams: a child publishes its summary on the stream whose id is its parent.</summary>
public static class RollupStreams
{
    public const string Provider = "Rollup";

    /// <summary>Summaries of classes, consumed by their organization (implicit subscription).</summary>
    public const string ToOrganization = "rollup-to-organization";

    /// <summary>Summaries of organizations and areas, consumed by the managing area (implicit subscription).</summary>
    public const string ToArea = "rollup-to-area";
}
