using EduInfo.Domain.Materials;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Materials;

/// <summary>
/// Who an actor is to a material (issue 24): teachers and heads write them; the officers of the district and region over
/// the author's organization review them and moderate their discussion; staff of education (teachers, heads, officers,
/// the Ministry's analysts) comment and rate. Anyone reads what is published.
/// </summary>
public static class MaterialParties
{
    /// <summary>Staff who write materials: teachers, class teachers, heads (their person in the staff register).</summary>
    public static bool MayWrite(Actor actor) => actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher or Role.Head);

    /// <summary>The officers of the district or region on the organization's path (a republican school: the Ministry's analysts).</summary>
    public static bool Reviews(Actor actor, IReadOnlyList<string> organizationPath) =>
        ReviewsArea(actor, organizationPath)
        || organizationPath.Count == 2 && actor.Grants.Any(g => g.Role == Role.MinistryAnalyst && g.ScopeId == organizationPath[0]);

    /// <summary>Who reads an area's materials waiting for a review: the district's and region's officers over it.</summary>
    public static bool ReviewsArea(Actor actor, IReadOnlyList<string> path) =>
        actor.Grants.Any(g => g.Role is Role.DistrictOfficer or Role.RegionOfficer && path.Contains(g.ScopeId));

    /// <summary>
    /// Who sees a material: anyone once it is published; before that (and after its withdrawal) its author and its reviewers
    /// only — anyone else finds none (404), so a draft's existence does not leak.
    /// </summary>
    public static bool Sees(Actor? actor, MaterialState state, string authorAccount, IReadOnlyList<string> organizationPath) =>
        state == MaterialState.Published
        || actor is not null && (authorAccount == actor.UserId || Reviews(actor, organizationPath));

    /// <summary>Who discusses and rates: the staff of education, not parents, pupils or operators.</summary>
    public static bool MayDiscuss(Actor actor) =>
        actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher or Role.Head or Role.DistrictOfficer or Role.RegionOfficer or Role.MinistryAnalyst);
}
