using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Api.Web;

/// <summary>Where a signed-in reader lands: the page of the role they most likely came for.</summary>
public static class WebHome
{
    // One home per reader; when an account holds several roles, the first of this order decides.
    private static readonly string[] Order =
    [
        Role.Parent, Role.Student, Role.Teacher, Role.ClassTeacher, Role.Head, Role.DistrictOfficer, Role.RegionOfficer, Role.MinistryAnalyst, Role.Operator,
    ];

    public static string For(Actor actor)
    {
        var grant = actor.Grants.Where(g => Order.Contains(g.Role)).MinBy(g => Array.IndexOf(Order, g.Role));
        return grant?.Role switch
        {
            Role.Parent => "/family",
            Role.Student => $"/students/{Uri.EscapeDataString(grant.ScopeId)}",
            Role.Teacher or Role.ClassTeacher => "/teaching",
            null => "/",
            _ => $"/nodes/{Uri.EscapeDataString(grant.ScopeId)}",
        };
    }
}
