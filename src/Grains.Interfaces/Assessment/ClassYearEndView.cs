using EduInfo.Domain.Assessment;
using EduInfo.Domain.YearEnd;

namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>
/// A class's year end as it stands today (issue 20): for each pupil of today's roster, by id, their subjects' annual,
/// examination and final marks, the subjects failed, the council's default decision, the decision it recorded, and the
/// document earned.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClassYearEndView(
    [property: Id(0)] string ClassId,
    [property: Id(1)] int Grade,
    [property: Id(2)] bool FinalAttestation,
    [property: Id(3)] IReadOnlyList<string> ExamSubjects,
    [property: Id(4)] IReadOnlyList<PupilYearEndView> Pupils);

[GenerateSerializer, Immutable]
public sealed record PupilYearEndView(
    [property: Id(0)] string StudentId,
    [property: Id(1)] IReadOnlyList<SubjectYearEndView> Subjects,
    [property: Id(2)] IReadOnlyList<string> Failed,
    [property: Id(3)] bool ExamsWritten,
    [property: Id(4)] CouncilDecision? Proposed,
    [property: Id(5)] EducationDocumentKind? Document,
    [property: Id(6)] bool WithDistinction,
    [property: Id(7)] CouncilDecision? Decided = null);

/// <summary>One subject: the annual result and mark, the examination mark (where examined), the final mark and its source.</summary>
[GenerateSerializer, Immutable]
public sealed record SubjectYearEndView(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] TermOutcome Annual,
    [property: Id(2)] int? AnnualMark,
    [property: Id(3)] int? ExamMark,
    [property: Id(4)] int? FinalMark,
    [property: Id(5)] FinalMarkSource Source,
    [property: Id(6)] bool Fails);
