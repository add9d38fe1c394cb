using EduInfo.Domain.Journal;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.YearEnd;

/// <summary>An examination of the final attestation as sent: the subject, and the pupils' marks (a null mark registers the pupil, not written yet).</summary>
public sealed record ProposedExam(string? SubjectId, IReadOnlyList<ProposedExamMark?>? Marks);

public sealed record ProposedExamMark(string? StudentId, int? Mark);

/// <summary>An examination to store: the subject examined for the class, and each pupil's mark (null: not written yet).</summary>
public sealed record NewExam(string SubjectId, IReadOnlyList<(string StudentId, int? Mark)> Marks);

/// <summary>
/// Validates an examination entered by the organization (issue 20): the head of the class's organization (or above)
/// only, a class of a grade that ends in a final attestation, a subject taught to the class, pupils enrolled in it
/// today (each once), marks from 2 to 5. Pure.
/// </summary>
public static class ExamValidator
{
    public static ValidatedEntry<NewExam> Validate(ProposedExam exam, ClassRules rules, JournalWriter writer, FinalAttestationPolicy policy, DateOnly today)
    {
        var cls = rules.Class;
        if (!writer.IsHeadOf(cls))
        {
            return ValidatedEntry<NewExam>.Invalid("subjectId", JournalError.NotAllowed);
        }
        if (!policy.Documents.ContainsKey(cls.Grade))
        {
            return ValidatedEntry<NewExam>.Invalid("classId", JournalError.ExamGradeNotAttested, string.Join(", ", policy.Documents.Keys.Order()));
        }
        var problems = new List<EntryProblem>();
        if (string.IsNullOrEmpty(exam.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.Required));
        }
        else if (!cls.Assignments.Any(a => a.SubjectId == exam.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.SubjectUnknown));
        }
        if (exam.Marks is not { Count: > 0 } marks)
        {
            problems.Add(Problem("marks", JournalError.Required));
            return ValidatedEntry<NewExam>.Invalid(problems);
        }
        var enrolled = cls.Enrolments.Where(e => e.CoversDate(today)).Select(e => e.StudentId).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(string, int?)>(marks.Count);
        for (var i = 0; i < marks.Count; i++)
        {
            var at = $"marks[{i}]";
            if (marks[i] is not { } mark)
            {
                problems.Add(Problem(at, JournalError.Required));
                continue;
            }
            if (string.IsNullOrEmpty(mark.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.Required));
            }
            else if (!enrolled.Contains(mark.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.StudentNotInClass));
            }
            else if (!seen.Add(mark.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.StudentRepeated));
            }
            if (mark.Mark is { } m && (m < 2 || m > YearEndRules.TopMark))
            {
                problems.Add(Problem($"{at}.mark", JournalError.ExamMarkOutOfRange, 2, YearEndRules.TopMark));
            }
            rows.Add((mark.StudentId ?? "", mark.Mark));
        }
        return problems.Count > 0 ? ValidatedEntry<NewExam>.Invalid(problems) : ValidatedEntry<NewExam>.Valid(new NewExam(exam.SubjectId!, rows));
    }
}
