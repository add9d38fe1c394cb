using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;

namespace EduInfo.UnitTests.Rollup;

/// <summary>An aggregate's breakdown slices: the running sum of its children's, kept like the cells.</summary>
public sealed class ChildSummariesBreakdownTests
{
    private static readonly DateTimeOffset AsOf = new(2025, 10, 1, 6, 0, 0, TimeSpan.Zero);

    private static BreakdownKey Rural(int term) => new(BreakdownDimension.Locality, "rural", term);

    private static BreakdownKey Urban(int term) => new(BreakdownDimension.Locality, "urban", term);

    private static BreakdownKey Girls(int term) => new(BreakdownDimension.Sex, "female", term);

    private static NodeSummary Summary(string id, long version, params (BreakdownKey Key, long Students)[] slices) =>
        new(id, NodeKind.Class, version, new SummaryFigures { Students = slices.Where(s => s.Key.Term == 0 && s.Key.Dimension == BreakdownDimension.Locality).Sum(s => s.Students) },
            AsOf, [], "2025-2026", slices.Select(s => new BreakdownSlice(s.Key.Dimension, s.Key.Value, s.Key.Term, new SummaryFigures { Students = s.Students })).ToList());

    private static Dictionary<BreakdownKey, long> Students(ChildSummaries children) => children.Slices.ToDictionary(s => s.Key, s => s.Value.Students);

    [Fact]
    public void Slices_sum_over_children_and_a_newer_summary_replaces_a_childs_slices()
    {
        var children = new ChildSummaries();
        children.Accept(Summary("a", 1, (Rural(0), 20), (Rural(1), 19), (Girls(1), 9)));
        children.Accept(Summary("b", 1, (Urban(0), 30), (Urban(1), 30), (Girls(1), 14)));

        Assert.Equal(new Dictionary<BreakdownKey, long> { [Rural(0)] = 20, [Rural(1)] = 19, [Urban(0)] = 30, [Urban(1)] = 30, [Girls(1)] = 23 }, Students(children));

        // "a" is now urban (its organization's locality was corrected) and has a girl less: nothing of it stays under rural.
        Assert.True(children.Accept(Summary("a", 2, (Urban(0), 20), (Urban(1), 19), (Girls(1), 8))));
        Assert.Equal(new Dictionary<BreakdownKey, long> { [Urban(0)] = 50, [Urban(1)] = 49, [Girls(1)] = 22 }, Students(children));

        // An older summary is refused, its slices too; a removed child takes its slices with it.
        Assert.False(children.Accept(Summary("a", 1, (Rural(0), 99))));
        Assert.True(children.Remove("b"));
        Assert.Equal(new Dictionary<BreakdownKey, long> { [Urban(0)] = 20, [Urban(1)] = 19, [Girls(1)] = 8 }, Students(children));
    }

    [Fact]
    public void An_organization_adds_itself_to_its_own_values_in_the_year_and_every_term_its_cells_have()
    {
        var children = new ChildSummaries();
        var cls = Summary("c", 3, (Rural(0), 20), (Rural(2), 20), (new(BreakdownDimension.Grade, "5", 2), 20)) with
        {
            Cells = [new SummaryCell(2, SummaryKey.AllSubjects, new SummaryFigures { Students = 20, Classes = 1 })],
        };
        children.Accept(cls);
        var place = new BreakdownPlace("school", true, NodeKind.District);

        var summary = children.Summarize("o", NodeKind.Organization, new SummaryFigures { Organizations = 1 }, AsOf, place);

        var slices = summary.Breakdowns!.ToDictionary(s => s.Key, s => (s.Figures.Students, s.Figures.Organizations));
        Assert.Equal((20L, 1L), slices[Rural(0)]);
        Assert.Equal((20L, 1L), slices[Rural(2)]);
        Assert.Equal((0L, 1L), slices[new(BreakdownDimension.Kind, "school", 2)]);
        Assert.Equal((0L, 1L), slices[new(BreakdownDimension.Subordination, "district", 0)]);
        // Grade does not carry organizations (an organization has many grades).
        Assert.Equal((20L, 0L), slices[new(BreakdownDimension.Grade, "5", 2)]);
        // The held sums are the children's only: the own count is added to the published summary, not kept.
        Assert.Equal(0, children.Slices[Rural(0)].Organizations);

        // Without a class an organization still counts itself in the year.
        var empty = new ChildSummaries().Summarize("o", NodeKind.Organization, new SummaryFigures { Organizations = 1 }, AsOf, place);
        Assert.Equal(3, empty.Breakdowns!.Count);
        Assert.All(empty.Breakdowns, s => Assert.Equal((0, 1L), (s.Term, s.Figures.Organizations)));
    }
}
