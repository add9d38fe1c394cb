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

    /// <summary>Officers over the forum: a district or region officer whose scope is on its path.</summary>
    public static bool Moderates(Actor actor, IReadOnlyList<string> forumPath) =>
        actor.Grants.Any(g => g.Role is Role.DistrictOfficer or Role.RegionOfficer && forumPath.Contains(g.ScopeId));

    /// <summary>Who reads an area's moderation queue and unanswered questions: its officers (a Ministry analyst reads the figures).</summary>
    public static bool OverseesArea(Actor actor, IReadOnlyList<string> path) => Moderates(actor, path);

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
