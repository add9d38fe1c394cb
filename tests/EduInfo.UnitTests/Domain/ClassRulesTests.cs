using EduInfo.Domain.Journal;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

/// <summary>The calendar and policy values the validators and the ledger are given (term 1 closed).</summary>
public sealed class ClassRulesTests
{
    public static TheoryData<string, string, JournalError?> Days => new()
    {
        { "a Friday of term 2", "2026-11-20", null },
        { "a Saturday in a five-day week", "2026-11-14", JournalError.DayOff },
        { "a Sunday", "2026-11-22", JournalError.DayOff },
        { "a Saturday moved to a working day", "2026-11-21", null },
        { "a holiday", "2026-11-16", JournalError.DayOff },
        { "cancelled in the class's district for its grade", "2026-11-17", JournalError.DayCancelled },
        { "cancelled in another district", "2026-11-18", null },
        { "between terms", "2026-10-28", JournalError.DateOutsideTerm },
        { "a school day of closed term 1", "2026-10-01", JournalError.TermClosed },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Says_which_days_take_lessons(string why, string date, JournalError? expected)
    {
        Assert.True(expected == RulesOf().DayError(D(date)), why);
        // A school day is one the calendar allows, closed or not.
        Assert.True((expected is null or JournalError.TermClosed) == RulesOf().IsSchoolDay(D(date)), why);
    }

    [Fact]
    public void Nothing_is_recorded_without_a_calendar()
    {
        var rules = RulesOf(noCalendar: true);
        Assert.Equal(JournalError.CalendarMissing, rules.DayError(D("2026-11-20")));
        Assert.False(rules.IsSchoolDay(D("2026-11-20")));
        Assert.Equal(0, rules.TermOf(D("2026-11-20")));
        Assert.Equal(JournalError.CalendarMissing, rules.StartedTermError(2, Today));
        Assert.Equal(10, rules.FormativeScaleOn(D("2026-11-20")));
    }

    [Fact]
    public void A_terms_policy_is_the_one_in_force_on_its_first_day()
    {
        var rules = RulesOf();
        Assert.Equal(10, rules.FormativeScaleOn(D("2026-10-01")));
        Assert.Equal(20, rules.FormativeScaleOn(D("2026-11-20")));
        // Between terms no policy applies: the configured default.
        Assert.Equal(10, rules.FormativeScaleOn(D("2026-10-28")));
        Assert.Equal(7, new ClassRules(Class, null, Policies, new HashSet<int>(), 7).FormativeScaleOn(D("2026-11-20")));
    }

    [Fact]
    public void A_term_is_acted_on_once_known_and_started()
    {
        var rules = RulesOf();
        Assert.Null(rules.StartedTermError(1, Today));
        Assert.Null(rules.StartedTermError(2, Today));
        Assert.Equal(JournalError.TermNotStarted, rules.StartedTermError(3, Today));
        Assert.Equal(JournalError.TermUnknown, rules.StartedTermError(5, Today));
        Assert.True(rules.IsClosedOn(D("2026-10-01")));
        Assert.False(rules.IsClosedOn(D("2026-11-20")));
    }
}
