using EduInfo.Domain.Calendar;
using EduInfo.Storage.Assessment;

namespace EduInfo.Api.Contracts;

/// <summary>A dated weekly slot of a class's timetable: a teaching group, a subject, an ISO weekday and a period, from a day until a day (null: open-ended).</summary>
public sealed record TimetableSlotResponse(string GroupId, string SubjectId, int Weekday, int Period, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public static TimetableSlotResponse Of(ScheduledSlot slot) => new(slot.GroupId, slot.SubjectId, slot.Weekday, slot.Period, slot.ValidFrom, slot.ValidTo);
}
