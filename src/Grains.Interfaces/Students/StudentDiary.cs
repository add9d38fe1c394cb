using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>The parents' view of a student (order point 12.6): every mark, attendance, live figures per subject, term standings and the correction history.</summary>
[GenerateSerializer, Immutable]
public sealed record StudentDiary(
    [property: Id(0)] string StudentId,
    [property: Id(1)] long Watermark,
    [property: Id(2)] IReadOnlyList<SubjectFigures> Subjects,
    [property: Id(3)] IReadOnlyList<DiaryMark> Marks,
    [property: Id(4)] IReadOnlyList<DiaryAttendance> Attendance,
    [property: Id(5)] EduInfo.Grains.Interfaces.Assessment.StudentStandings? Standings = null,
    [property: Id(6)] IReadOnlyList<DiaryCorrection>? Corrections = null);
