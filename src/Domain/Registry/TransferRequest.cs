namespace EduInfo.Domain.Registry;

/// <summary>Moving a student to another home class from a date, with the reason (the audit log keeps it).</summary>
public sealed record TransferRequest(
    string? ToClassId,
    DateOnly? Date,
    string? Reason);
