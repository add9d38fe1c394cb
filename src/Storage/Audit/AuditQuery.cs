namespace EduInfo.Storage.Audit;

/// <summary>
/// Filters of an audit query; <see cref="OrganizationId"/> confines a head to their organization. <see cref="Actions"/>
/// and <see cref="Outcome"/> select kinds of records (a child's diary readers: the allowed reads of it).
/// </summary>
public sealed record AuditQuery(
    string? ActorId = null,
    string? TargetId = null,
    string? OrganizationId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100,
    IReadOnlyList<string>? Actions = null,
    string? Outcome = null);
