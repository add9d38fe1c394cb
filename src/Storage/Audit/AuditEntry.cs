namespace EduInfo.Storage.Audit;

/// <summary>One audit record: who (user id and roles, never a name or IIN), what, on which target, from where, and how it ended.</summary>
public sealed record AuditEntry(
    string ActorId,
    IReadOnlyList<string> Roles,
    string? ClientAddress,
    string Action,
    string TargetKind,
    string TargetId,
    string? OrganizationId,
    string Outcome,
    string DetailJson = "{}");
