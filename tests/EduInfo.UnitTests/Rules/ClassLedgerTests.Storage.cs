using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;

namespace EduInfo.UnitTests.Rules;

// A pupil's sums are kept in 16 bits each until one outgrows them; then the subject's pupils move to 32 bits. Either
// way the ledger reads back exactly the sums it was given, for that pupil and the others (issue 26.3).
public sealed partial class ClassLedgerTests
{
    public static TheoryData<string, (int Count, int Score, int Max)[]> WorkSteps => new()
    {
        { "small sums", [(2, 15, 20), (1, 9, 10)] },
        { "exactly 16 bits", [(6553, 65_535, 65_535)] },
        { "one point beyond", [(6553, 65_535, 65_530), (1, 1, 10)] },
        { "a count beyond", [(65_535, 10, 10), (1, 1, 10)] },
        { "a correction before its mark", [(-1, -7, -10), (1, 7, 10), (1, 8, 10)] },
        { "beyond, then back below", [(7000, 63_000, 70_000), (-6999, -62_991, -69_990)] },
    };

    [Theory]
    [MemberData(nameof(WorkSteps))]
    public void A_pupils_work_reads_back_exactly_whatever_its_size(string because, (int Count, int Score, int Max)[] steps)
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3"));
        FO(ledger, "s2", "math", 2, 7, 8);
        foreach (var (count, score, max) in steps)
        {
            ledger.AddStudentWork("s1", "math", 2, MarkKind.Formative, count, score, max);
            FO(ledger, "s3", "math", 2, 9);
        }
        var expected = (steps.Sum(s => (long)s.Count), steps.Sum(s => (long)s.Score), steps.Sum(s => (long)s.Max));
        Assert.True(expected == ledger.WorkOf("s1", 2, "math")!.Value.Of(MarkKind.Formative), because);
        Assert.Equal((2L, 15L, 20L), ledger.WorkOf("s2", 2, "math")!.Value.Of(MarkKind.Formative));
        Assert.Equal((steps.Length, 9L * steps.Length, 10L * steps.Length), ledger.WorkOf("s3", 2, "math")!.Value.Of(MarkKind.Formative));
        Assert.Equal(75, ledger.ResultOf("s2", 2, "math")!.Percent);
        Assert.Equal(90, ledger.ResultOf("s3", 2, "math")!.Percent);
        // The other components stay empty: only formative work was given.
        Assert.False(ledger.WorkOf("s1", 2, "math")!.Value.Has(MarkKind.Section));
    }

    [Fact]
    public void Work_that_sums_to_nothing_is_no_work()
    {
        var ledger = School(7, Open, E("s1"), E("s2"));
        FO(ledger, "s2", "math", 2, 7);
        ledger.AddStudentWork("s1", "math", 2, MarkKind.Formative, 1, 8, 10);
        ledger.AddStudentWork("s1", "math", 2, MarkKind.Formative, -1, -8, -10); // the mark corrected away
        Assert.Null(ledger.WorkOf("s1", 2, "math"));
        Assert.Equal(TermOutcome.NotYetAssessed, ledger.ResultOf("s1", 2, "math")!.Outcome);
    }
}
