using EduInfo.Domain.Seminars;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Seminars;

/// <summary>
/// Who an actor is to a seminar (issue 24): the officers of the organizing office and of the offices above it organize
/// (announce, read the participants, take attendance); an organization's own seminar is also its head's. Teachers and
/// heads of organizations within the organizer's area attend, by the seminar's audience.
/// </summary>
public static class SeminarParties
{
    /// <summary>The organizer's path runs from the republic down to the organizer itself.</summary>
    public static bool Organizes(Actor actor, IReadOnlyList<string> organizerPath, bool organizerIsOrganization) =>
        organizerPath.Count > 0 && actor.Grants.Any(g =>
            g.Role is Role.DistrictOfficer or Role.RegionOfficer or Role.MinistryAnalyst && organizerPath.Contains(g.ScopeId)
            || organizerIsOrganization && g.Role == Role.Head && g.ScopeId == organizerPath[^1]);

    /// <summary>Of the audience: a teacher (a class teacher too) for teachers' seminars, the head of their own organization for heads'.</summary>
    public static bool OfAudience(Actor actor, SeminarAudience audience, string participantOrganization) => audience switch
    {
        SeminarAudience.Teachers => actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher),
        _ => actor.Grants.Any(g => g.Role == Role.Head && g.ScopeId == participantOrganization),
    };

    /// <summary>Staff who attend seminars at all: teachers, class teachers, heads.</summary>
    public static bool MayAttend(Actor actor) => actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher or Role.Head);

    /// <summary>Who reads an area's participation by organization: its officers and the Ministry's analysts, and a head for their own organization.</summary>
    public static bool ReadsParticipation(Actor actor, IReadOnlyList<string> path) =>
        actor.Grants.Any(g => g.Role is Role.DistrictOfficer or Role.RegionOfficer or Role.MinistryAnalyst && path.Contains(g.ScopeId))
        || path.Count > 0 && actor.Grants.Any(g => g.Role == Role.Head && g.ScopeId == path[^1]);
}
