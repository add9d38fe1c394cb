namespace EduInfo.Domain.Calendar;

/// <summary>A slot of a class's timetable, dated: one teaching group's weekly lesson from <see cref="ValidFrom"/> to <see cref="ValidTo"/>.</summary>
public readonly record struct ScheduledSlot(string GroupId, string SubjectId, int Weekday, int Period, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool CoversDate(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}
