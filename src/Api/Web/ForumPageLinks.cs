using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Api.Web;

/// <summary>Where the forum pages lead an officer: the moderation queue of the area they moderate a forum from.</summary>
public static class ForumPageLinks
{
    /// <summary>The highest area on the forum's path the actor is an officer of (a region's officer sees the region's queue), or null.</summary>
    public static string? QueueOf(Actor actor, IReadOnlyList<string> forumPath) =>
        forumPath.FirstOrDefault(id => actor.Grants.Any(g => g.ScopeId == id && g.Role is Role.DistrictOfficer or Role.RegionOfficer));
}
