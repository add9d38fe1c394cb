namespace EduInfo.Storage.Journal;

/// <summary>
/// What every row of one batch shares: where it counts and who wrote it (user id and roles go to the audit row
/// committed with the batch). <see cref="GroupId"/> is the default teaching group (the whole class) of rows that name none.
/// </summary>
public sealed record JournalWriteContext(
    string AcademicYear,
    string ClassId,
    string GroupId,
    string OrganizationId,
    string AuthorId,
    string? ClientAddress,
    IReadOnlyList<string>? AuthorRoles = null);
