namespace EduInfo.Storage.Audit;

/// <summary>Filters of an audit query; <see cref="OrganizationId"/> confines a head to their organization.</summary>
public sealed record AuditQuery(
    string? ActorId = null,
    string? TargetId = null,
    string? OrganizationId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100);
