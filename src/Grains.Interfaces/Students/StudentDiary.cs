namespace EduInfo.Grains.Interfaces.Students;

/// <summary>The parents' view of a student (order point 12.6): every mark, attendance, and live figures per subject.</summary>
[GenerateSerializer, Immutable]
public sealed record StudentDiary(
    [property: Id(0)] string StudentId,
    [property: Id(1)] long Watermark,
    [property: Id(2)] IReadOnlyList<SubjectFigures> Subjects,
    [property: Id(3)] IReadOnlyList<DiaryMark> Marks,
    [property: Id(4)] IReadOnlyList<DiaryAttendance> Attendance);
