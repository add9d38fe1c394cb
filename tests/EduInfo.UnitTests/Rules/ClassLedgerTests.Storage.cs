using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;

namespace EduInfo.UnitTests.Rules;

// A pupil's sums are kept compact (formative sums in 16 bits, the summatives' in a byte) until one outgrows them, then
// in 16 bits each, then in 32: the subject's pupils move together. Whatever the width, the ledger reads back exactly
// the sums it was given, for that pupil and the others (issue 26.3).
public sealed partial class ClassLedgerTests
{
    public static TheoryData<string, MarkKind, (int Count, int Score, int Max)[]> WorkSteps => new()
    {
        { "small sums", MarkKind.Formative, [(2, 15, 20), (1, 9, 10)] },
        { "a formative count of a byte", MarkKind.Formative, [(255, 2550, 2550)] },
        { "a formative count beyond a byte", MarkKind.Formative, [(255, 2550, 2550), (1, 10, 10)] },
        { "exactly 16 bits", MarkKind.Formative, [(6553, 65_535, 65_535)] },
        { "one point beyond", MarkKind.Formative, [(6553, 65_535, 65_530), (1, 1, 10)] },
        { "a count beyond", MarkKind.Formative, [(65_535, 10, 10), (1, 1, 10)] },
        { "a correction before its mark", MarkKind.Formative, [(-1, -7, -10), (1, 7, 10), (1, 8, 10)] },
        { "beyond, then back below", MarkKind.Formative, [(7000, 63_000, 70_000), (-6999, -62_991, -69_990)] },
        { "section sums of a byte", MarkKind.Section, [(3, 200, 250), (1, 55, 5)] },
        { "section sums beyond a byte", MarkKind.Section, [(3, 200, 250), (1, 60, 60)] },
        { "a term summative beyond a byte, then beyond 16 bits", MarkKind.Term, [(1, 30, 40), (1, 300, 300), (1, 70_000, 70_000)] },
        { "a summative corrected before its mark", MarkKind.Term, [(-1, -20, -30), (1, 20, 30), (1, 25, 30)] },
    };

    [Theory]
    [MemberData(nameof(WorkSteps))]
    public void A_pupils_work_reads_back_exactly_whatever_its_size(string because, MarkKind kind, (int Count, int Score, int Max)[] steps)
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3"));
        FO(ledger, "s2", "math", 2, 7, 8);
        foreach (var (count, score, max) in steps)
        {
            ledger.AddStudentWork("s1", "math", 2, kind, count, score, max);
            FO(ledger, "s3", "math", 2, 9);
        }
        var expected = (steps.Sum(s => (long)s.Count), steps.Sum(s => (long)s.Score), steps.Sum(s => (long)s.Max));
        Assert.True(expected == ledger.WorkOf("s1", 2, "math")!.Value.Of(kind), because);
        Assert.Equal((2L, 15L, 20L), ledger.WorkOf("s2", 2, "math")!.Value.Of(MarkKind.Formative));
        Assert.Equal((steps.Length, 9L * steps.Length, 10L * steps.Length), ledger.WorkOf("s3", 2, "math")!.Value.Of(MarkKind.Formative));
        Assert.Equal(75, ledger.ResultOf("s2", 2, "math")!.Percent);
        Assert.Equal(90, ledger.ResultOf("s3", 2, "math")!.Percent);
        // The other components stay empty: only work of one kind was given.
        foreach (var other in new[] { MarkKind.Formative, MarkKind.Section, MarkKind.Term }.Where(k => k != kind))
        {
            Assert.False(ledger.WorkOf("s1", 2, "math")!.Value.Has(other), because);
        }
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

    /// <summary>
    /// Results are cached in 16 bits until one does not fit (a percent beyond 254, from work scored above its maximum):
    /// then the term's results move to 32 bits and every pupil's reads back as computed, in the result and in the cells.
    /// </summary>
    [Fact]
    public void A_result_beyond_16_bits_reads_back_as_computed()
    {
        var ledger = School(7, Open, E("s1"), E("s2"));
        FO(ledger, "s1", "math", 2, 8);
        FO(ledger, "s1", "bio", 2, 6);
        var before = ledger.Cells(Today)[K(2, "math")].TermPercentSum; // math's results cached in 16 bits
        ledger.AddStudentWork("s2", "math", 2, MarkKind.Formative, 1, 300, 10);
        var s2 = ledger.ResultOf("s2", 2, "math")!;
        Assert.True(s2.Percent > 254, $"the percent {s2.Percent} fits 16 bits packed: the test no longer reaches the wide form");
        Assert.Equal(80, ledger.ResultOf("s1", 2, "math")!.Percent);
        Assert.Equal(60, ledger.ResultOf("s1", 2, "bio")!.Percent);
        var cells = ledger.Cells(Today);
        Assert.Equal(before + s2.Percent, cells[K(2, "math")].TermPercentSum);
        Assert.Equal(60, cells[K(2, "bio")].TermPercentSum);
    }
}
