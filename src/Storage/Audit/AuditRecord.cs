namespace EduInfo.Storage.Audit;

/// <summary>An audit record as stored, with its number and time.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string ActorId,
    IReadOnlyList<string> Roles,
    string? ClientAddress,
    string Action,
    string TargetKind,
    string TargetId,
    string? OrganizationId,
    string Outcome,
    string Detail);
