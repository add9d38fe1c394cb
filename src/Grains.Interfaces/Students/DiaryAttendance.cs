using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>A lesson the student missed or was late to.</summary>
[GenerateSerializer, Immutable]
public sealed record DiaryAttendance(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] int Period,
    [property: Id(4)] AbsenceCode Code);
