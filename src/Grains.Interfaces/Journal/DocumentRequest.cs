namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// Issuing the education document a pupil earned at the final attestation (issue 20): the pupil, the blank's series and
/// number, the date of issue. The kind, the distinction and the marks come from the class's year end.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DocumentRequest(
    [property: Id(0)] string? StudentId,
    [property: Id(1)] string? Series,
    [property: Id(2)] string? Number,
    [property: Id(3)] DateOnly? IssuedOn);

/// <summary>Revoking a document of the register, with the reason (an error found, a court decision).</summary>
[GenerateSerializer, Immutable]
public sealed record DocumentRevocationRequest([property: Id(0)] string? Reason);

/// <summary>How issuing or revoking ended: the outcome, and the document's id once issued.</summary>
[GenerateSerializer, Immutable]
public sealed record DocumentOutcome([property: Id(0)] BatchOutcome Outcome, [property: Id(1)] Guid? DocumentId = null);
