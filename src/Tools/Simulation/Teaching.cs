namespace EduInfo.Tools.Simulation;

/// <summary>
/// A teacher's subject in a teaching group — the whole class (<see cref="GroupId"/> null) or one of its subgroups — with
/// the group's roster: what a journal client writes for. Rows always go to the home class, whose organization's kind
/// says which calendar its days follow.
/// </summary>
public sealed record Teaching(string ClassId, string SubjectId, string TeacherId, string[] Roster, string? GroupId = null, string OrganizationKind = "school");
