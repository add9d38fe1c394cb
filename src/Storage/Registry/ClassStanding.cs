using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry;

/// <summary>
/// A class and its academic year's standing when read: <paramref name="YearClosed"/> (no writes until reopened) and
/// <paramref name="YearLive"/> (the newest year its organization has classes of, so its figures count in the live
/// summaries; false once the year has rolled), and its <paramref name="Timetable"/> when asked for (null otherwise).
/// </summary>
public sealed record ClassStanding(ClassRecord Class, bool YearClosed, bool YearLive, IReadOnlyList<ScheduledSlot>? Timetable);
