using System.Text.Json;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A class's year end (issue 20) for its head: per pupil (by id) each subject's annual, examination and final marks,
/// the subjects failed, whether every examination is written, the pedagogical council's default decision and the
/// education document earned — kinds as camelCase names, with their texts in the reader's language.
/// </summary>
public sealed record YearEndResponse(string ClassId, int Grade, bool FinalAttestation, IReadOnlyList<string> ExamSubjects, IReadOnlyList<YearEndPupil> Pupils)
{
    public static YearEndResponse Of(ClassYearEndView view, string language) => new(view.ClassId, view.Grade, view.FinalAttestation, view.ExamSubjects,
        [.. view.Pupils.Select(p => new YearEndPupil(p.StudentId,
            [.. p.Subjects.Select(s => new YearEndSubject(s.SubjectId, Name(s.Annual), s.AnnualMark, s.ExamMark, s.FinalMark, Name(s.Source), s.Fails))],
            p.Failed, p.ExamsWritten, p.Proposed is { } d ? Name(d) : null, p.Proposed is { } t ? Messages.Get($"council.{Name(t)}", language) : null,
            p.Document is { } k ? Name(k) : null, p.Document is { } n ? Messages.Get($"document.{Name(n)}", language) : null, p.WithDistinction,
            p.Decided is { } r ? Name(r) : null, p.Decided is { } q ? Messages.Get($"council.{Name(q)}", language) : null))]);

    private static string Name<T>(T value) where T : Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

public sealed record YearEndPupil(string StudentId, IReadOnlyList<YearEndSubject> Subjects, IReadOnlyList<string> Failed, bool ExamsWritten,
    string? Proposed, string? ProposedName, string? Document, string? DocumentName, bool WithDistinction, string? Decided, string? DecidedName);

/// <summary><c>annual</c> is the annual outcome (marked, notAttested, exempt, notYetAssessed); <c>source</c> where the final mark comes from.</summary>
public sealed record YearEndSubject(string SubjectId, string Annual, int? AnnualMark, int? ExamMark, int? FinalMark, string Source, bool Fails);

/// <summary>An examination entered: the class, the subject, how many pupils and how many marks were written.</summary>
public sealed record ExamResponse(string ClassId, string SubjectId, int Pupils, int Written);

/// <summary>The council's decisions recorded: the class and how many pupils.</summary>
public sealed record CouncilResponse(string ClassId, int Decisions);
