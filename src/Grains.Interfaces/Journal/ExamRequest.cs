namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// An examination of the final attestation entered by the organization (issue 20): the subject examined for the class
/// and the pupils' marks from 2 to 5 (a null mark registers a pupil who has not written it yet). Entering a pupil's mark
/// again replaces it; every entry is audited.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExamRequest(
    [property: Id(0)] string? SubjectId,
    [property: Id(1)] IReadOnlyList<ExamMarkRequest?>? Marks);

[GenerateSerializer, Immutable]
public sealed record ExamMarkRequest(
    [property: Id(0)] string? StudentId,
    [property: Id(1)] int? Mark);
