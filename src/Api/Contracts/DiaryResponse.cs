using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Students;

namespace EduInfo.Api.Contracts;

/// <summary>
/// The diary as parents read it (order point 12.6): per-subject figures with rates, every mark and missed or late
/// lesson, the terms (dates, closed or not), per subject and term the standing (FO%, SOR%, SOCH%, term %, the mark —
/// projected until the term is closed, then final — and the weights used), the annual marks, and the correction history.
/// </summary>
public sealed record DiaryResponse(
    string StudentId,
    long Watermark,
    IReadOnlyList<DiarySubject> Subjects,
    IReadOnlyList<DiaryMarkResponse> Marks,
    IReadOnlyList<DiaryAttendanceResponse> Attendance,
    IReadOnlyList<DiaryTermResponse> Terms,
    IReadOnlyList<StandingResponse> Standings,
    IReadOnlyList<DiaryCorrectionResponse> Corrections)
{
    public static DiaryResponse Of(StudentDiary diary, string language)
    {
        var terms = diary.Standings?.Terms ?? [];
        int TermOf(DateOnly date) => terms.FirstOrDefault(t => t.Starts <= date && date <= t.Ends)?.Term ?? 0;
        return new(
            diary.StudentId,
            diary.Watermark,
            diary.Subjects.Select(s => new DiarySubject(s.SubjectId, s.Figures.Marks, s.Figures.LessonsHeld, SummaryRates.Of(s.Figures))).ToList(),
            diary.Marks.Select(m => new DiaryMarkResponse(m.Sequence, m.SubjectId, m.Date, TermOf(m.Date), m.Kind.ToString().ToLowerInvariant(),
                Messages.Get($"markKind.{m.Kind}", language), m.Score, m.MaxScore, m.RecordedAt)).ToList(),
            diary.Attendance.Select(a => new DiaryAttendanceResponse(a.Sequence, a.SubjectId, a.Date, TermOf(a.Date), a.Period,
                a.Code.ToString().ToLowerInvariant(), Messages.Get($"absence.{a.Code}", language))).ToList(),
            terms.Select(t => new DiaryTermResponse(t.Term ?? 0, t.Starts, t.Ends, diary.Standings!.ClosedTerms.Contains(t.Term ?? 0))).ToList(),
            (diary.Standings?.Standings ?? []).Select(s => StandingResponse.Of(s, language)).ToList(),
            (diary.Corrections ?? []).Select(c => new DiaryCorrectionResponse(c.Sequence, c.Supersedes, c.Action, Messages.Get($"correction.{c.Action}", language),
                c.EntryKind, c.SubjectId, c.Date, c.Period, c.OldValue, c.NewValue, c.Reason, c.AuthorId, c.RecordedAt)).ToList());
    }
}

public sealed record DiaryTermResponse(int Term, DateOnly? Starts, DateOnly? Ends, bool Closed);

/// <summary>One correction: old → new (a score "7/10", or a roll-call code; "present" when not absent), why, who, when.</summary>
public sealed record DiaryCorrectionResponse(long Sequence, long Supersedes, string Action, string ActionName, string EntryKind, string SubjectId,
    DateOnly Date, int? Period, string? OldValue, string? NewValue, string Reason, string AuthorId, DateTimeOffset RecordedAt);
