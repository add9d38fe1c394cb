namespace EduInfo.Domain.Registry;

/// <summary>Enrolling a pupil into a class from a date: the person as their documents give them (names in their own script).</summary>
/// <param name="Sex">"male" or "female": checked against the IIN's seventh digit.</param>
public sealed record PupilEnrolmentRequest(
    string? Iin,
    string? LastName,
    string? FirstName,
    string? MiddleName,
    DateOnly? BirthDate,
    string? Sex,
    DateOnly? Date);

/// <summary>Ending a pupil's enrolment (<see cref="Date"/> is the last day in the class) or a parent's link (the last day linked), with the reason.</summary>
public sealed record PupilEndRequest(DateOnly? Date, string? Reason);

/// <summary>Correcting a pupil's personal data: only the fields given change; the reason is kept in the audit log.</summary>
public sealed record PupilCorrectionRequest(
    string? LastName,
    string? FirstName,
    string? MiddleName,
    DateOnly? BirthDate,
    string? Reason);

/// <summary>
/// Linking a parent to a child from a date, confirmed by the staff member against a document (its kind and number are
/// recorded for the audit, never shown publicly). A parent not yet in the registry is created from the names given.
/// </summary>
public sealed record ParentLinkRequest(
    string? Iin,
    string? LastName,
    string? FirstName,
    string? MiddleName,
    string? Relation,
    DateOnly? From,
    string? DocumentKind,
    string? DocumentNumber);
