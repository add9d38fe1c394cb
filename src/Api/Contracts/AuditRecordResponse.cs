using EduInfo.Storage.Audit;

namespace EduInfo.Api.Contracts;

/// <summary>An audit record on the wire (the storage record stays a storage type: its columns may change without the API).</summary>
public sealed record AuditRecordResponse(
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
    string Detail)
{
    public static AuditRecordResponse Of(AuditRecord r) =>
        new(r.Id, r.At, r.ActorId, r.Roles, r.ClientAddress, r.Action, r.TargetKind, r.TargetId, r.OrganizationId, r.Outcome, r.Detail);
}
