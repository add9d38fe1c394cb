namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// The head excuses a student's missed section or term summative (<see cref="Kind"/> <c>section</c> or <c>term</c>)
/// in a subject and term: the student's term mark is then computed without it. <see cref="EntryId"/> is the
/// idempotency key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExcusalRequest(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? StudentId,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] int? Term,
    [property: Id(4)] string? Kind,
    [property: Id(5)] string? Reason);
