using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Calendar;

namespace EduInfo.UnitTests.Domain;

public sealed class TimetableValidatorTests
{
    // Class C1 is taught mathematics as a whole; its subgroups G1 and G2 are taught English and physics.
    private static readonly ClassTeaching C1 = new("C1", "2026-2027", new HashSet<string>(StringComparer.Ordinal) { "G1", "G2" },
        new HashSet<(string, string)> { ("C1", "MAT"), ("G1", "ENG"), ("G2", "PHY") });

    private static TimetableSlot Slot(string? subject = "MAT", int? weekday = 1, int? period = 1, string? group = null) => new(group, subject, weekday, period);

    private static TimetableDocument Week(params TimetableSlot?[] slots) => new(new DateOnly(2026, 11, 2), slots);

    public static TheoryData<string, TimetableDocument, string[]> Cases => new()
    {
        { "a lesson of the whole class", Week(Slot()), [] },
        { "a lesson of a subgroup", Week(Slot("ENG", group: "G1")), [] },
        { "the class named as its own group", Week(Slot(group: "C1")), [] },
        { "an empty week (no lessons from the date)", Week(), [] },
        { "no slots at all", new TimetableDocument(new DateOnly(2026, 11, 2), null), [] },
        { "the last period and Sunday", Week(Slot(weekday: 7, period: 12)), [] },
        { "one place, two groups", Week(Slot(), Slot("ENG", group: "G1")), [] },
        { "the year's first day", Week(Slot()) with { ValidFrom = new DateOnly(2026, 9, 1) }, [] },
        { "the year's last day", Week(Slot()) with { ValidFrom = new DateOnly(2027, 8, 31) }, [] },
        { "no date", Week(Slot()) with { ValidFrom = null }, ["validFrom:Required"] },
        { "before the year", Week(Slot()) with { ValidFrom = new DateOnly(2026, 8, 31) }, ["validFrom:DateOutsideAcademicYear"] },
        { "after the year", Week(Slot()) with { ValidFrom = new DateOnly(2027, 9, 1) }, ["validFrom:DateOutsideAcademicYear"] },
        { "a missing slot", Week(Slot(), null), ["slots[1]:Required"] },
        { "a group of another class", Week(Slot(group: "G9")), ["slots[0].groupId:GroupUnknown"] },
        { "no subject", Week(Slot(subject: null)), ["slots[0].subjectId:Required"] },
        { "a subject the class is not taught", Week(Slot("NOPE")), ["slots[0].subjectId:SubjectNotTaught"] },
        { "a subgroup's subject for the whole class", Week(Slot("ENG")), ["slots[0].subjectId:SubjectNotTaught"] },
        { "weekday 0", Week(Slot(weekday: 0)), ["slots[0].weekday:WeekdayOutOfRange"] },
        { "weekday 8", Week(Slot(weekday: 8)), ["slots[0].weekday:WeekdayOutOfRange"] },
        { "no weekday", Week(Slot(weekday: null)), ["slots[0].weekday:WeekdayOutOfRange"] },
        { "period 0", Week(Slot(period: 0)), ["slots[0].period:PeriodOutOfRange"] },
        { "period 13", Week(Slot(period: 13)), ["slots[0].period:PeriodOutOfRange"] },
        { "no period", Week(Slot(period: null)), ["slots[0].period:PeriodOutOfRange"] },
        { "two lessons of a group in one place", Week(Slot(), Slot(), Slot()), ["slots[1].period:SlotDuplicate", "slots[2].period:SlotDuplicate"] },
        { "every problem of a slot", Week(Slot(group: "G9", weekday: 9, period: 0)),
            ["slots[0].groupId:GroupUnknown", "slots[0].weekday:WeekdayOutOfRange", "slots[0].period:PeriodOutOfRange"] },
        { "as many slots as allowed", Week(Distinct(TimetableValidator.MaxSlots)), [] },
        { "one slot too many: refused whole, the slots not examined", Week(Enumerable.Repeat<TimetableSlot?>(null, TimetableValidator.MaxSlots + 1).ToArray())
            with { ValidFrom = null }, ["validFrom:Required", "slots:TooManySlots"] },
    };

    /// <summary>Distinct slots: the three groups' lessons in turn, each group's in the next free place of its week (3 × 7 × 12 places).</summary>
    private static TimetableSlot?[] Distinct(int count)
    {
        (string? Group, string Subject)[] groups = [(null, "MAT"), ("G1", "ENG"), ("G2", "PHY")];
        return Enumerable.Range(0, count)
            .Select(i => (Group: groups[i % 3], Place: i / 3))
            .Select(x => (TimetableSlot?)Slot(x.Group.Subject, 1 + x.Place / 12, 1 + x.Place % 12, x.Group.Group)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field_and_code(string name, TimetableDocument timetable, string[] expected)
    {
        var validated = TimetableValidator.Validate(timetable, C1);
        Assert.True(expected.SequenceEqual(validated.Problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", validated.Problems.Select(p => $"{p.Field}:{p.Error}"))}]");
        // The slots to store come only with a valid timetable: all of them, in order, the whole class under its own id.
        Assert.Equal(expected.Length == 0, validated.IsValid);
        var slots = validated.IsValid
            ? (timetable.Slots ?? []).Select(s => new WeeklySlot(s!.GroupId ?? "C1", s.SubjectId!, s.Weekday!.Value, s.Period!.Value)).ToList()
            : [];
        Assert.Equal<WeeklySlot>(slots, validated.Slots);
        Assert.Equal(validated.IsValid ? timetable.ValidFrom!.Value : default, validated.ValidFrom);
    }
}
