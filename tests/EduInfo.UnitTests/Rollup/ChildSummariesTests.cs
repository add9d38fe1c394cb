using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;

namespace EduInfo.UnitTests.Rollup;

public class ChildSummariesTests
{
    private static readonly DateTimeOffset AsOf = new(2025, 10, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly SummaryKey Math1 = new(1, "math");
    private static readonly SummaryKey Term1 = new(1, SummaryKey.AllSubjects);

    /// <summary>
    /// Summaries arriving in order, each written <c>child@version:marks</c>; then whether each was taken, and the
    /// aggregate's marks and version after the last.
    /// </summary>
    public static TheoryData<string[], bool[], long, long> Sequences => new()
    {
        { ["a@5:3", "a@4:9"], [true, false], 3, 5 },                      // older: refused
        { ["a@5:3", "a@5:9"], [true, false], 3, 5 },                      // equal: refused (a repeated message)
        { ["a@5:3", "a@6:9"], [true, true], 9, 6 },                       // newer: replaces
        { ["a@5:3", "b@7:2", "c@1:0"], [true, true, true], 5, 13 },       // versions add up over children
        { ["a@5:3", "b@7:2", "a@8:1"], [true, true, true], 3, 15 },       // a replaced child leaves the others
        { ["a@2:1", "a@4:4", "a@3:100"], [true, true, false], 4, 4 },     // a late one after a newer one
        { ["a@5:3", "b@7:2", "a@6:0"], [true, true, true], 2, 13 },       // an emptied (removed) node keeps its version
        { ["a@0:0", "a@0:1"], [true, false], 0, 0 },                      // a first summary at version 0 is held
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Keeps_a_childs_summary_only_if_its_version_is_newer(string[] arrivals, bool[] taken, long marks, long version)
    {
        var children = new ChildSummaries();

        var results = arrivals.Select(a => children.Accept(Parse(a))).ToArray();

        Assert.Equal(taken, results);
        Assert.Equal(marks, children.Total.Marks);
        Assert.Equal(version, children.Version);
        Assert.Equal(taken.Count(t => t), children.Accepted);
        Assert.Equal(taken.Count(t => !t), children.Ignored);
        // The cells are the same sums as the totals; a cell that sums to zero is absent.
        Assert.Equal(marks, children.Cells.GetValueOrDefault(Math1)?.Marks ?? 0);
        Assert.Equal(marks == 0, !children.Cells.ContainsKey(Math1));
    }

    [Fact]
    public void A_newer_summary_subtracts_the_old_figures_and_cells_exactly()
    {
        var children = new ChildSummaries();
        children.Accept(Summary("a", 3, Figures(students: 25, marks: 40, seats: 300), (Math1, Figures(marks: 40)), (Term1, Figures(students: 25, marks: 40, seats: 300))));
        children.Accept(Summary("b", 2, Figures(students: 20, marks: 10, seats: 100), (Math1, Figures(marks: 10)), (Term1, Figures(students: 20, marks: 10, seats: 100))));

        // "a" moves from term 1 to term 2 and loses its math marks: its old cells must be gone, not left behind.
        var term2 = new SummaryKey(2, SummaryKey.AllSubjects);
        Assert.True(children.Accept(Summary("a", 4, Figures(students: 24, seats: 12), (term2, Figures(students: 24, seats: 12)))));

        Assert.Equal(Figures(students: 44, marks: 10, seats: 112), children.Total);
        Assert.Equal(
            new Dictionary<SummaryKey, SummaryFigures>
            {
                [Math1] = Figures(marks: 10),
                [Term1] = Figures(students: 20, marks: 10, seats: 100),
                [term2] = Figures(students: 24, seats: 12),
            },
            children.Cells);
        Assert.Equal(6, children.Version);
    }

    [Fact]
    public void A_removed_child_takes_its_figures_cells_and_version_with_it()
    {
        var children = new ChildSummaries();
        children.Accept(Parse("a@5:3"));
        children.Accept(Parse("b@7:2"));

        Assert.True(children.Remove("a"));
        Assert.False(children.Remove("a"));
        Assert.False(children.Remove("unknown"));

        Assert.Equal(["b"], children.Children.Keys);
        Assert.Equal(2, children.Total.Marks);
        Assert.Equal(2, children.Cells[Math1].Marks);
        Assert.Equal(7, children.Version);
        // Removed, a child is new again: any version of it is taken.
        Assert.True(children.Accept(Parse("a@1:1")));
        Assert.Equal(8, children.Version);
    }

    [Fact]
    public void RetainOnly_drops_the_children_no_longer_under_the_node()
    {
        var children = new ChildSummaries();
        children.Accept(Parse("a@5:3"));
        children.Accept(Parse("b@7:2"));
        children.Accept(Parse("c@1:4"));

        Assert.True(children.RetainOnly(new HashSet<string> { "b", "d" }));
        Assert.False(children.RetainOnly(new HashSet<string> { "b" }));

        Assert.Equal(["b"], children.Children.Keys);
        Assert.Equal(2, children.Total.Marks);
        Assert.Equal(7, children.Version);
    }

    [Fact]
    public void An_empty_summary_with_a_higher_version_zeroes_a_removed_node_and_stale_ones_stay_out()
    {
        var children = new ChildSummaries();
        children.Accept(Parse("a@5:3"));
        children.Accept(Parse("b@7:2"));

        Assert.True(children.Accept(new NodeSummary("a", NodeKind.Class, 9, SummaryFigures.Zero, AsOf)));
        Assert.False(children.Accept(Parse("a@8:3"))); // a message from before the removal, delivered late

        Assert.Equal(Figures(marks: 2), children.Total);
        Assert.Equal(new Dictionary<SummaryKey, SummaryFigures> { [Math1] = Figures(marks: 2) }, children.Cells);
        Assert.Equal(16, children.Version);
        Assert.True(children.Holds("a", 9, 0));
    }

    [Theory]
    [InlineData("a", 5, 1, true)]
    [InlineData("a", 4, 1, false)]
    [InlineData("a", 6, 1, false)]
    [InlineData("a", 5, 0, false)]  // the version matches but an organization is missing (or one too many)
    [InlineData("a", 5, 2, false)]
    [InlineData("b", 0, 0, false)]
    public void Holds_a_child_only_at_its_exact_version_and_organization_count(string child, long version, long organizations, bool held)
    {
        var children = new ChildSummaries();
        children.Accept(Parse("a@5:3") with { Figures = Figures(marks: 3, organizations: 1) });

        Assert.Equal(held, children.Holds(child, version, organizations));
    }

    [Fact]
    public void At_an_equal_version_a_summary_counting_more_organizations_replaces_the_held_one_and_never_the_reverse()
    {
        var children = new ChildSummaries();
        // A district's snapshot answered before its reconciliation ended, then its complete summary at the same version.
        var partial = Parse("d@5:3") with { Figures = Figures(marks: 3, organizations: 2) };
        var complete = Parse("d@5:3") with { Figures = Figures(marks: 3, organizations: 3) };

        Assert.True(children.Accept(partial));
        Assert.True(children.Accept(complete));
        Assert.False(children.Accept(partial)); // the partial one delivered late
        Assert.False(children.Accept(complete)); // a repeat

        Assert.Equal(Figures(marks: 3, organizations: 3), children.Total);
        Assert.Equal(5, children.Version);
        Assert.True(children.Holds("d", 5, 3));
    }

    [Fact]
    public void The_node_summary_adds_its_own_figures_to_the_total_and_every_all_subjects_cell()
    {
        var children = new ChildSummaries();
        children.Accept(Summary("b", 7, Figures(classes: 1, marks: 2), (Math1, Figures(marks: 2)), (Term1, Figures(classes: 1, marks: 2))) with { AcademicYear = "2025-2026" });
        children.Accept(Summary("a", 5, Figures(classes: 1, marks: 3), (Term1, Figures(classes: 1, marks: 3))) with { AcademicYear = "2024-2025" });
        children.Accept(Summary("c", 1, SummaryFigures.Zero));
        var own = Figures(organizations: 1);

        var summary = children.Summarize("org", NodeKind.Organization, own, AsOf);

        Assert.Equal(new NodeSummary("org", NodeKind.Organization, 13, Figures(organizations: 1, classes: 2, marks: 5), AsOf,
            summary.Cells, "2025-2026", summary.Breakdowns), summary);
        Assert.Empty(summary.Breakdowns!); // children without slices, and no place for its own count
        Assert.Equal(
            [new SummaryCell(1, SummaryKey.AllSubjects, Figures(organizations: 1, classes: 2, marks: 5)), new SummaryCell(1, "math", Figures(marks: 2))],
            summary.Cells);

        // With no child's cells, the node counts itself in the total only.
        var empty = new ChildSummaries().Summarize("r", NodeKind.Region, own, AsOf);
        Assert.Equal((own, 0L, (string?)null), (empty.Figures, empty.Version, empty.AcademicYear));
        Assert.Empty(empty.Cells!);
    }

    [Fact]
    public void Children_are_listed_in_the_order_of_their_ids()
    {
        var children = new ChildSummaries();
        foreach (var id in new[] { "b", "a10", "a2", "A" })
        {
            children.Accept(Parse($"{id}@1:1"));
        }

        Assert.Equal(["A", "a10", "a2", "b"], children.InOrder().Select(c => c.NodeId));
    }

    /// <summary><c>child@version:marks</c>: the marks in the total and in the math cell of term 1.</summary>
    /// <summary>
    /// Summaries arriving in order, <c>child@version:marks</c> with a trailing <c>~</c> for one that says it is catching
    /// up; whether each was taken, how many held children are catching up after the last, and whether the aggregate is.
    /// </summary>
    public static TheoryData<string, string[], bool[], int> CatchingUpSequences => new()
    {
        { "a partial answer, then the whole at a newer version", ["a@5:3~", "a@7:9"], [true, true], 0 },
        { "caught up at the same version (what was missing had version 0)", ["a@5:3~", "a@5:3"], [true, true], 0 },
        { "a partial answer after the whole at its version: stale", ["a@5:3", "a@5:3~"], [true, false], 0 },
        { "an older partial answer", ["a@5:3", "a@4:1~"], [true, false], 0 },
        { "a newer version still catching up", ["a@5:3~", "a@6:4~"], [true, true], 1 },
        { "one child of two still catching up", ["a@5:3~", "b@3:1", "c@2:2~", "c@4:2"], [true, true, true, true], 1 },
    };

    [Theory]
    [MemberData(nameof(CatchingUpSequences))]
    public void An_aggregate_is_catching_up_while_a_child_it_holds_is(string what, string[] arrivals, bool[] taken, int catchingUp)
    {
        var children = new ChildSummaries();

        var results = arrivals.Select(a => children.Accept(Parse(a))).ToArray();

        Assert.True(taken.SequenceEqual(results), $"{what}: taken {string.Join(",", results)}");
        Assert.Equal(catchingUp, children.CatchingUpChildren);
        Assert.Equal(catchingUp > 0, children.Summarize("area", NodeKind.District, SummaryFigures.Zero, AsOf).CatchingUp);
    }

    private static NodeSummary Parse(string arrival)
    {
        if (arrival.EndsWith('~'))
        {
            return Parse(arrival[..^1]) with { CatchingUp = true };
        }
        var (id, rest) = (arrival[..arrival.IndexOf('@')], arrival[(arrival.IndexOf('@') + 1)..]);
        var version = long.Parse(rest[..rest.IndexOf(':')]);
        var marks = long.Parse(rest[(rest.IndexOf(':') + 1)..]);
        return Summary(id, version, Figures(marks: marks), (Math1, Figures(marks: marks)));
    }

    private static NodeSummary Summary(string id, long version, SummaryFigures figures, params (SummaryKey Key, SummaryFigures Figures)[] cells) =>
        new(id, NodeKind.Class, version, figures, AsOf, cells.Select(c => new SummaryCell(c.Key.Term, c.Key.SubjectId, c.Figures)).ToList());

    private static SummaryFigures Figures(long students = 0, long classes = 0, long organizations = 0, long marks = 0, long seats = 0) =>
        new() { Students = students, Classes = classes, Organizations = organizations, Marks = marks, SeatsHeld = seats };
}
