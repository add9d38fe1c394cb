using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Students;

namespace EduInfo.Api.Contracts;

/// <summary>The diary as parents read it: per-subject figures with rates, every mark, and missed or late lessons.</summary>
public sealed record DiaryResponse(
    string StudentId,
    long Watermark,
    IReadOnlyList<DiarySubject> Subjects,
    IReadOnlyList<DiaryMarkResponse> Marks,
    IReadOnlyList<DiaryAttendanceResponse> Attendance)
{
    public static DiaryResponse Of(StudentDiary diary, string language) => new(
        diary.StudentId,
        diary.Watermark,
        diary.Subjects.Select(s => new DiarySubject(s.SubjectId, s.Figures.Marks, s.Figures.LessonsHeld, SummaryRates.Of(s.Figures))).ToList(),
        diary.Marks.Select(m => new DiaryMarkResponse(m.Sequence, m.SubjectId, m.Date, m.Kind.ToString().ToLowerInvariant(),
            Messages.Get($"markKind.{m.Kind}", language), m.Score, m.MaxScore, m.RecordedAt)).ToList(),
        diary.Attendance.Select(a => new DiaryAttendanceResponse(a.Sequence, a.SubjectId, a.Date, a.Period,
            a.Code.ToString().ToLowerInvariant(), Messages.Get($"absence.{a.Code}", language))).ToList());
}
