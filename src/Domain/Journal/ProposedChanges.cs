namespace EduInfo.Domain.Journal;

/// <summary>
/// A correction as its writer sent it (the grain contract's <c>CorrectionRequest</c>, field for field): nullable, so a
/// missing field is reported by name. <see cref="Action"/> is <c>replace</c> or <c>void</c>.
/// </summary>
public sealed record ProposedCorrection(
    Guid? EntryId,
    long? Supersedes,
    string? Action,
    string? Reason,
    int? Score,
    int? MaxScore,
    IReadOnlyList<Absentee?>? Absentees);

/// <summary>
/// A head's exemption as sent (the grain contract's <c>ExemptionRequest</c>): <see cref="Term"/> null for the whole year,
/// <see cref="Ground"/> <c>medical</c>, <c>individualPlan</c> or <c>homeSchooling</c>.
/// </summary>
public sealed record ProposedExemption(
    Guid? EntryId,
    string? StudentId,
    string? SubjectId,
    int? Term,
    string? Ground,
    string? Reason);

/// <summary>A head's excusal as sent (the grain contract's <c>ExcusalRequest</c>): <see cref="Kind"/> is <c>section</c> or <c>term</c>.</summary>
public sealed record ProposedExcusal(
    Guid? EntryId,
    string? StudentId,
    string? SubjectId,
    int? Term,
    string? Kind,
    string? Reason);
