using EduInfo.Domain.Journal;
using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Registry;

/// <summary>What a class's timetable is checked against: its year, its subgroups and which subjects each group is taught.</summary>
/// <param name="GroupIds">The class's subgroups (the class itself is always a group, under its own id).</param>
public sealed record ClassTeaching(string ClassId, string AcademicYear, IReadOnlySet<string> GroupIds, IReadOnlySet<(string GroupId, string SubjectId)> Taught);

/// <summary>A weekly lesson ready to store: a group (the class's id for the whole class), a subject, an ISO weekday and a period.</summary>
public readonly record struct WeeklySlot(string GroupId, string SubjectId, int Weekday, int Period);

/// <summary>A checked timetable: the slots from <see cref="ValidFrom"/>, or the problems (never both).</summary>
public sealed record ValidatedTimetable(DateOnly ValidFrom, IReadOnlyList<WeeklySlot> Slots, IReadOnlyList<RegistryProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Whether a timetable may replace a class's from its date: every slot a lesson the class is taught, once a week.</summary>
public static class TimetableValidator
{
    /// <summary>More slots than any school week holds: a runaway client, not a timetable.</summary>
    public const int MaxSlots = 200;

    public static ValidatedTimetable Validate(TimetableDocument timetable, ClassTeaching teaching, int maxPeriod = EntryRules.MaxPeriod)
    {
        var problems = new List<RegistryProblem>();
        var (first, last) = AcademicCalendar.Bounds(teaching.AcademicYear);
        if (timetable.ValidFrom is not { } validFrom)
        {
            problems.Add(new("validFrom", RegistryError.Required));
        }
        else if (validFrom < first || validFrom > last)
        {
            problems.Add(new("validFrom", RegistryError.DateOutsideAcademicYear));
        }
        var slots = timetable.Slots ?? [];
        if (slots.Count > MaxSlots)
        {
            // The slots of a refused document are not examined one by one.
            problems.Add(new("slots", RegistryError.TooManySlots));
            return new ValidatedTimetable(default, [], problems);
        }
        var valid = new List<WeeklySlot>();
        var taken = new HashSet<(string GroupId, int Weekday, int Period)>();
        for (var i = 0; i < slots.Count; i++)
        {
            if (CheckSlot(slots[i], $"slots[{i}]", teaching, maxPeriod, taken, problems) is { } slot)
            {
                valid.Add(slot);
            }
        }
        return problems.Count > 0 ? new ValidatedTimetable(default, [], problems) : new ValidatedTimetable(timetable.ValidFrom!.Value, valid, []);
    }

    /// <summary>One slot's problems (group, subject, weekday, period, a second lesson in the same place), or the slot.</summary>
    private static WeeklySlot? CheckSlot(TimetableSlot? slot, string at, ClassTeaching teaching, int maxPeriod, HashSet<(string, int, int)> taken, List<RegistryProblem> problems)
    {
        if (slot is null)
        {
            problems.Add(new(at, RegistryError.Required));
            return null;
        }
        var before = problems.Count;
        var groupId = slot.GroupId ?? teaching.ClassId;
        if (groupId != teaching.ClassId && !teaching.GroupIds.Contains(groupId))
        {
            problems.Add(new($"{at}.groupId", RegistryError.GroupUnknown));
        }
        else if (slot.SubjectId is null)
        {
            problems.Add(new($"{at}.subjectId", RegistryError.Required));
        }
        else if (!teaching.Taught.Contains((groupId, slot.SubjectId)))
        {
            problems.Add(new($"{at}.subjectId", RegistryError.SubjectNotTaught));
        }
        if (slot.Weekday is not (>= 1 and <= 7))
        {
            problems.Add(new($"{at}.weekday", RegistryError.WeekdayOutOfRange));
        }
        if (slot.Period is not { } period || !EntryRules.IsValidPeriod(period, maxPeriod))
        {
            problems.Add(new($"{at}.period", RegistryError.PeriodOutOfRange));
        }
        else if (slot.Weekday is >= 1 and <= 7 && !taken.Add((groupId, slot.Weekday.Value, period)))
        {
            problems.Add(new($"{at}.period", RegistryError.SlotDuplicate));
        }
        return problems.Count == before ? new WeeklySlot(groupId, slot.SubjectId!, slot.Weekday!.Value, slot.Period!.Value) : null;
    }
}
