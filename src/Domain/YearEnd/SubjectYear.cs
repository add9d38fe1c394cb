using EduInfo.Domain.Assessment;

namespace EduInfo.Domain.YearEnd;

/// <summary>
/// A pupil's year in one subject as the year's end reads it: the annual result (<see cref="TermOutcome.Marked"/> with
/// its mark, <see cref="TermOutcome.NotAttested"/> н/а, or <see cref="TermOutcome.Exempt"/>), and the examination mark
/// where the subject is examined (null: examined but not written yet; <see cref="Examined"/> false: no examination).
/// </summary>
public sealed record SubjectYear(string SubjectId, TermOutcome Annual, int? AnnualMark, bool Examined = false, int? ExamMark = null);
