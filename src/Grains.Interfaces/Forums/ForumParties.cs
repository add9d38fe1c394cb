using EduInfo.Domain.Forums;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Forums;

/// <summary>
/// Who an actor is to a forum (issue 23): its own head or office answers officially and closes threads; the officers of
/// the areas above it (its district's and region's; an office's forum: that office's and the region's) moderate; anyone
/// signed in with a role in education asks and replies — an operator runs the system and posts nothing.
/// </summary>
public static class ForumParties
{
    /// <summary>The forum's own: the head of its organization, or an officer of its office.</summary>
    public static bool Answers(Actor actor, ForumKind kind, string forumId) => actor.Grants.Any(g => g.ScopeId == forumId && g.Role == kind switch
    {
        ForumKind.Organization => Role.Head,
        ForumKind.District => Role.DistrictOfficer,
        _ => Role.RegionOfficer,
    });

    /// <summary>
    /// Officers over the forum: a district or region officer whose scope is on its path. An organization under the
    /// republic itself (a republican school) has no district or region office over it: the Ministry's own moderate it.
    /// </summary>
    public static bool Moderates(Actor actor, ForumKind kind, IReadOnlyList<string> forumPath) =>
        OverseesArea(actor, forumPath)
        || kind == ForumKind.Organization && forumPath.Count == 2 && actor.Grants.Any(g => g.Role == Role.MinistryAnalyst && g.ScopeId == forumPath[0]);

    /// <summary>
    /// Who reads an area's moderation queue and unanswered questions: the district and region officers over it. (The
    /// Ministry moderates the few republican schools' forums from the forums themselves.)
    /// </summary>
    public static bool OverseesArea(Actor actor, IReadOnlyList<string> path) =>
        actor.Grants.Any(g => g.Role is Role.DistrictOfficer or Role.RegionOfficer && path.Contains(g.ScopeId));

    public static bool MayPost(Actor actor) => actor.Grants.Any(g => g.Role != Role.Operator);

    /// <summary>How the author is shown: a student or parent by their own grant, the forum's own as such, else by role.</summary>
    public static ForumAuthorKind AuthorOf(Actor actor, ForumKind kind, string forumId) =>
        Answers(actor, kind, forumId) ? (kind == ForumKind.Organization ? ForumAuthorKind.Head : ForumAuthorKind.Office)
        : actor.Grants.Any(g => g.Role == Role.Student) ? ForumAuthorKind.Student
        : actor.Grants.Any(g => g.Role == Role.Parent) ? ForumAuthorKind.Parent
        : actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher) ? ForumAuthorKind.Teacher
        : ForumAuthorKind.Member;

    /// <summary>The registry person whose name is shown by first name and initial (a student's or parent's own grant).</summary>
    public static string? ShownPerson(Actor actor, ForumAuthorKind author) => author switch
    {
        ForumAuthorKind.Student => actor.Grants.First(g => g.Role == Role.Student).ScopeId,
        ForumAuthorKind.Parent => actor.Grants.First(g => g.Role == Role.Parent).ScopeId,
        ForumAuthorKind.Teacher => actor.PersonId,
        _ => null,
    };
}
