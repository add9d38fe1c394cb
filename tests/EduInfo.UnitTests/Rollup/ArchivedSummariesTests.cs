using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;

namespace EduInfo.UnitTests.Rollup;

/// <summary>
/// Carrying a class's correction up an archived year (issue 20): the ancestor's summary equals the sum it would have had
/// with the corrected class, in the totals, every cell and every breakdown slice — as a fresh roll-up of the children.
/// </summary>
public sealed class ArchivedSummariesTests
{
    private static readonly DateTimeOffset AsOf = new(2027, 8, 31, 6, 0, 0, TimeSpan.Zero);

    private static NodeSummary Class(string id, long marks, long scores, long girls) => new(id, NodeKind.Class, 1,
        new SummaryFigures { FormativeMarks = marks, FormativeScoreSum = scores }, AsOf,
        [new SummaryCell(4, "MAT", new SummaryFigures { FormativeMarks = marks, FormativeScoreSum = scores })], "2026-2027",
        girls == 0 ? [] : [new BreakdownSlice(BreakdownDimension.Sex, "female", 0, new SummaryFigures { Students = girls })]);

    private static NodeSummary RolledUp(string id, params NodeSummary[] children)
    {
        var sums = new ChildSummaries();
        foreach (var child in children)
        {
            sums.Accept(child);
        }
        return new NodeSummary(id, NodeKind.Organization, 2, sums.Total, AsOf, SummaryCells.ToList(sums.Cells), "2026-2027", BreakdownSlices.ToList(sums.Slices));
    }

    [Theory]
    [InlineData(3, 27, 2, 3, 25, 2)]   // a score corrected: 9 → 7
    [InlineData(3, 27, 2, 2, 18, 2)]   // a mark voided
    [InlineData(1, 9, 1, 0, 0, 0)]     // every mark and girl gone: the class's cell and slice leave the ancestor's sums
    [InlineData(0, 0, 0, 2, 17, 1)]    // a class that had nothing gains marks
    public void An_ancestor_takes_a_class_change_as_a_fresh_roll_up_would(long marks, long scores, long girls, long marksAfter, long scoresAfter, long girlsAfter)
    {
        var (before, after, other) = (Class("c1", marks, scores, girls), Class("c1", marksAfter, scoresAfter, girlsAfter), Class("c2", 5, 40, 3));
        var carried = ArchivedSummaries.Replace(RolledUp("o", before, other), before, after);
        var fresh = RolledUp("o", after, other);
        Assert.Equal(fresh.Figures, carried.Figures);
        Assert.Equal(fresh.Cells, carried.Cells);
        Assert.Equal(fresh.Breakdowns, carried.Breakdowns);
        Assert.Equal(("o", NodeKind.Organization, "2026-2027"), (carried.NodeId, carried.Kind, carried.AcademicYear));
    }

    [Fact]
    public void A_class_new_to_the_archive_is_added_whole() =>
        Assert.Equal(RolledUp("o", Class("c1", 2, 17, 1)).Figures, ArchivedSummaries.Replace(RolledUp("o"), null, Class("c1", 2, 17, 1)).Figures);
}
