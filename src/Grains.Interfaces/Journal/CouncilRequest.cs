namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// The pedagogical council's decisions at the year's end (issue 20), recorded by the head: per pupil <c>promoted</c>,
/// <c>promotedConditionally</c>, <c>repeatsYear</c>, <c>leftSchool</c> or <c>graduated</c>, with a reason where the
/// decision is not the default proposed from the year's outcome.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CouncilRequest([property: Id(0)] IReadOnlyList<CouncilDecisionRequest?>? Decisions);

[GenerateSerializer, Immutable]
public sealed record CouncilDecisionRequest(
    [property: Id(0)] string? StudentId,
    [property: Id(1)] string? Decision,
    [property: Id(2)] string? Reason);
