using EduInfo.Domain.Journal;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

public sealed class TermCloseValidatorTests
{
    // Term 1 is closed, term 2 runs, term 3 has not started.
    public static TheoryData<string, JournalWriter, int, bool, string?, string[]> Cases => new()
    {
        { "the head closes the running term", Head, 2, true, null, [] },
        { "with a reason", Head, 2, true, "marks are in", [] },
        { "a district head", DistrictHead, 2, true, null, [] },
        { "the head reopens a closed term with a reason", Head, 1, false, "a late summative", [] },

        { "a teacher", Teacher, 2, true, null, ["term:NotAllowed"] },
        { "the head of another school", OtherHead, 1, false, "a late summative", ["term:NotAllowed"] },
        { "a teacher, whatever else is wrong", Teacher, 9, false, null, ["term:NotAllowed"] },

        { "reopening without a reason", Head, 1, false, null, ["reason:ReasonRequired"] },
        { "reopening with a blank reason", Head, 1, false, "  ", ["reason:ReasonRequired"] },
        { "closing with an empty reason", Head, 2, true, "", ["reason:ReasonRequired"] },
        { "a reason of 501 characters", Head, 2, true, new string('r', 501), ["reason:ReasonTooLong"] },
        { "a reason with a control character", Head, 1, false, "late\rsummative", ["reason:ReasonTooLong"] },
        { "an unknown term", Head, 9, true, null, ["term:TermUnknown"] },
        { "term 0", Head, 0, true, null, ["term:TermUnknown"] },
        { "a negative term", Head, -1, true, null, ["term:TermUnknown"] },
        { "a term not started", Head, 3, true, null, ["term:TermNotStarted"] },
        { "reopening an unknown term without a reason", Head, 9, false, null, ["reason:ReasonRequired", "term:TermUnknown"] },
        { "closing a closed term", Head, 1, true, null, ["term:TermAlreadyClosed"] },
        { "reopening an open term", Head, 2, false, "why not", ["term:TermNotClosed"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_close_and_reopening(string why, JournalWriter writer, int term, bool close, string? reason, string[] expected)
    {
        var result = TermCloseValidator.Validate(term, close, reason, RulesOf(), writer, Today);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void Without_a_calendar_no_term_closes()
    {
        AssertProblems("no calendar", ["term:CalendarMissing"], TermCloseValidator.Validate(2, true, null, RulesOf(noCalendar: true), Head, Today).Problems);
    }

    [Fact]
    public void The_event_carries_the_trimmed_reason()
    {
        Assert.Equal(new TermEvent(1, false, "late"), TermCloseValidator.Validate(1, false, "  late ", RulesOf(), Head, Today).Row);
        Assert.Equal(new TermEvent(2, true, null), TermCloseValidator.Validate(2, true, null, RulesOf(), Head, Today).Row);
    }
}
