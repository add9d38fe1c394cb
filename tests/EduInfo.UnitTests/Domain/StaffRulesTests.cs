using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

/// <summary>Issue 18's rules of staff, assignments and subgroups, table by table.</summary>
public sealed class StaffRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly StaffFacts Employed = new("T1", StaffPost.Teacher, new DateOnly(2026, 9, 1), null, HasAccount: false);

    [Theory]
    [InlineData("Сәрсенбаева", null)]
    [InlineData("Ким-Цой", null)]
    [InlineData("O'Brien", null)]
    [InlineData("Nurğali", null)]
    [InlineData("Іңкәр Ұлы", null)]
    [InlineData("Ли Мин Хо", null)]
    [InlineData("Müller", null)]
    [InlineData("\u202EНұрлан", StaffError.NameInvalid)]
    [InlineData("Нұр\u200Dлан", StaffError.NameInvalid)]
    [InlineData("Нұр\u0000лан", StaffError.NameInvalid)]
    [InlineData("Нұрлан2", StaffError.NameInvalid)]
    [InlineData("<script>", StaffError.NameInvalid)]
    [InlineData("-Нұрлан", StaffError.NameInvalid)]
    [InlineData("Нұр  лан", StaffError.NameInvalid)]
    [InlineData("   ", StaffError.Required)]
    public void Names_are_letters_of_any_script_and_nothing_that_hides_what_they_are(string name, StaffError? expected) =>
        Assert.Equal(expected, StaffNames.Problem(StaffNames.Normalize(name), required: true));

    [Fact]
    public void A_name_longer_than_the_limit_is_refused() =>
        Assert.Equal(StaffError.NameTooLong, StaffNames.Problem(new string('а', StaffNames.MaxLength + 1), required: true));

    [Theory]
    [InlineData("850314300018", "teacher", false, null, null)]
    [InlineData("850314300019", "teacher", false, "iin", StaffError.IinInvalid)]
    [InlineData("85031430001", "teacher", false, "iin", StaffError.IinInvalid)]
    [InlineData("850314300018", "teacher", true, "iin", StaffError.IinTaken)]
    [InlineData("850314300018", "janitor", false, "post", StaffError.PostUnknown)]
    [InlineData("850314300018", "1", false, "post", StaffError.PostUnknown)]
    [InlineData("", "deputy", false, "iin", StaffError.Required)]
    public void Hiring_checks_the_iin_by_its_checksum_and_the_post(string iin, string post, bool taken, string? field, StaffError? error)
    {
        var valid = Iin.IsValid("850314300018") ? "850314300018" : ValidIin();
        var problems = StaffValidator.ValidateHire(iin == "850314300018" ? valid : iin, "Әлиев", "Нұрлан", null, post, Today, taken);
        Assert.Equal(error, problems.SingleOrDefault()?.Error);
        Assert.Equal(field, problems.SingleOrDefault()?.Field);
    }

    [Theory]
    [InlineData("2026-11-20", null, null)]
    [InlineData("2026-11-28", "lastDay", StaffError.DateInFuture)]
    [InlineData("2026-08-31", "lastDay", StaffError.DateBeforeHiring)]
    [InlineData(null, "lastDay", StaffError.Required)]
    public void Leaving_is_recorded_when_it_happens_after_the_hiring(string? lastDay, string? field, StaffError? error)
    {
        var problems = StaffValidator.ValidateLeave(Employed, lastDay is null ? null : DateOnly.Parse(lastDay), Today);
        Assert.Equal((field, error), (problems.SingleOrDefault()?.Field, problems.SingleOrDefault()?.Error));
        Assert.Equal(StaffError.AlreadyLeft, StaffValidator.ValidateLeave(Employed with { LeftOn = Today }, Today, Today).Single().Error);
    }

    [Theory]
    [InlineData("aigul.s", false, false, null)]
    [InlineData("Aigul", false, false, StaffError.LoginInvalid)]
    [InlineData("ai", false, false, StaffError.LoginInvalid)]
    [InlineData("1aigul", false, false, StaffError.LoginInvalid)]
    [InlineData("aigul", true, false, StaffError.LoginTaken)]
    [InlineData("aigul", false, true, StaffError.HasAccount)]
    public void An_account_takes_a_free_login_once(string login, bool taken, bool hasAccount, StaffError? error) =>
        Assert.Equal(error, StaffValidator.ValidateAccount(Employed with { HasAccount = hasAccount }, login, taken).SingleOrDefault()?.Error);

    private static readonly GroupFacts Class = new("C1", "C1", null);
    private static readonly GroupFacts Subgroup = new("C1-G", "C1", "ENG");

    public static TheoryData<GroupFacts, string, string, string?, StaffError?> NewAssignments => new()
    {
        { Class, "MAT", "2026-09-01", null, null },
        { Class, "MAT", "2026-08-31", null, StaffError.NotEmployed },
        { Class, "MAT", "2026-10-01", "2026-09-30", StaffError.RangeInvalid },
        { Subgroup, "MAT", "2026-09-01", null, StaffError.SubjectOfGroup },
        { Subgroup, "ENG", "2026-09-01", null, null },
        { Class, "PHY", "2026-10-01", null, StaffError.Overlaps },
        { Class, "PHY", "2026-09-01", "2026-09-14", null },
    };

    [Theory]
    [MemberData(nameof(NewAssignments))]
    public void A_new_assignment_fits_the_employment_and_the_group(GroupFacts group, string subject, string from, string? to, StaffError? error)
    {
        List<Assignment> existing = subject == "PHY" ? [new("T1", "C1", "PHY", new(2026, 9, 15), null)] : [];
        var problems = AssignmentChange.ValidateNew(Employed, group, subjectKnown: true, subject, DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to), existing);
        Assert.Equal(error, problems.SingleOrDefault()?.Error);
    }

    public static TheoryData<string?, long[]> Ends => new()
    {
        { "2026-11-30", [] },
        { "2026-11-16", [] },
        { "2026-11-15", [12] },
        { "2026-11-01", [11, 12] },
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void An_end_for_the_past_is_refused_naming_the_rows_it_would_leave_unassigned(string? to, long[] rows)
    {
        var current = new Assignment("T1", "C1", "MAT", new(2026, 9, 1), null);
        RecordedRow[] recorded = [new(11, new(2026, 11, 2)), new(12, new(2026, 11, 16)), new(10, new(2026, 9, 5))];
        var problems = AssignmentChange.ValidateEnd(current, Employed, to is null ? null : DateOnly.Parse(to), [], recorded);
        Assert.Equal(rows, problems.SingleOrDefault()?.Rows ?? []);
        Assert.Equal(rows.Length == 0 ? null : StaffError.JournalConflict, problems.SingleOrDefault()?.Error);
    }

    [Fact]
    public void Rows_another_assignment_of_the_teacher_covers_are_no_conflict()
    {
        var current = new Assignment("T1", "C1", "MAT", new(2026, 9, 1), null);
        var substitute = new Assignment("T1", "C1", "MAT", new(2026, 11, 10), new(2026, 11, 20));
        Assert.Empty(AssignmentChange.Unassigned([new(12, new(2026, 11, 16))], current, current with { To = new(2026, 10, 31) }, [substitute]));
    }

    [Theory]
    [InlineData("2026-11-17", null)]
    [InlineData("2026-11-16", StaffError.RosterConflict)]
    [InlineData("2026-11-02", StaffError.RosterConflict)]
    public void A_split_for_the_past_is_refused_while_a_roll_call_of_the_group_counts_the_pupils(string from, StaffError? error)
    {
        RecordedRollCall[] rollCalls = [new(40, new(2026, 11, 16), ["S1", "S2"]), new(41, new(2026, 11, 9), ["S2"])];
        var problems = StaffRosterChange.ValidateSplit(Subgroup, true, "ENG", "Топ 2", ["S1"], DateOnly.Parse(from), ["S1", "S2"], ["S1", "S2"], rollCalls);
        Assert.Equal(error, problems.SingleOrDefault()?.Error);
        Assert.Equal(error is null ? [] : [40L], problems.SingleOrDefault()?.Rows ?? []);
    }

    [Fact]
    public void A_split_names_pupils_not_in_the_group_and_bad_names()
    {
        var problems = StaffRosterChange.ValidateSplit(Subgroup, true, "ENG", "Топ\u202E", ["S1", "S9"], Today, ["S1"], ["S1"], []);
        Assert.Equal([("name", StaffError.NameInvalid), ("studentIds[1]", StaffError.StudentUnknown)], problems.Select(p => (p.Field, p.Error)));
    }

    [Theory]
    [InlineData("2026-11-01", null, null)]
    [InlineData("2026-11-28", null, StaffError.DateInFuture)]
    [InlineData("2026-09-01", "2026-09-01", StaffError.DateBeforeCurrent)]
    [InlineData("2026-08-01", null, StaffError.NotEmployed)]
    public void A_class_teacher_starts_after_the_current_one_and_not_ahead(string from, string? currentFrom, StaffError? error) =>
        Assert.Equal(error, StaffRosterChange.ValidateClassTeacher(Employed, true, DateOnly.Parse(from), currentFrom is null ? null : DateOnly.Parse(currentFrom), Today)
            .SingleOrDefault()?.Error);

    private static string ValidIin()
    {
        for (var serial = 0; ; serial++)
        {
            var first11 = $"8503143{serial:0000}";
            if (Iin.CheckDigit(first11) is { } check)
            {
                return first11 + check;
            }
        }
    }
}
