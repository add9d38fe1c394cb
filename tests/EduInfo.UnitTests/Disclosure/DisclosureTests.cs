using EduInfo.Domain.Disclosure;

namespace EduInfo.UnitTests.Disclosure;

/// <summary>
/// Disclosure control of the open reports (issue 21, item 2): the attacker's linear algebra finds what a naive
/// suppression leaves determined, and complementary suppression leaves nothing determined — in hand-made tables and in
/// random two-way tables with their margins (a region's districts by term, the year as the sum of the terms).
/// </summary>
public sealed class DisclosureTests
{
    private static DisclosureTable Table(long[] cells, params (int Total, int[] Parts)[] relations) =>
        new(cells, [.. relations.Select(r => new CellRelation(r.Total, r.Parts))]);

    private static readonly DisclosureTable TwoByTwo = Table([12, 8, 15, 3, 20, 18, 27, 11, 38],
        (4, [0, 1]), (5, [2, 3]), (6, [0, 2]), (7, [1, 3]), (8, [4, 5]), (8, [6, 7]));

    public static TheoryData<string, DisclosureTable, int[], int[]> AttackCases => new()
    {
        // A parent of three children, one withheld: parent minus the others gives it away.
        { "one child withheld", Table([30, 5, 12, 13], (0, [1, 2, 3])), [1], [1] },
        // Two withheld: only their sum is known.
        { "two children withheld", Table([30, 5, 12, 13], (0, [1, 2, 3])), [1, 2], [] },
        // The parent withheld with a child: parent − child = the published rest, two unknowns, one equation.
        { "the parent and a child withheld", Table([30, 5, 12, 13], (0, [1, 2, 3])), [0, 1], [] },
        // Two levels: each withheld pair is protected at its level, but the grandparent relation ties them.
        { "two levels, pairs on each", Table([60, 30, 30, 5, 25, 6, 24], (0, [1, 2]), (1, [3, 4]), (2, [5, 6])), [3, 4, 5, 6], [] },
        // A 2×2 table with its margins (cells 0–3 inside, 4–5 the rows, 6–7 the columns, 8 the grand total). One inner
        // cell withheld: its row gives it away.
        { "a two-way table, one cell", TwoByTwo, [3], [3] },
        // All four inner cells withheld: every row and column has two, and nothing is pinned (one degree of freedom).
        { "a two-way table, the inner block", TwoByTwo, [0, 1, 2, 3], [] },
        // Three withheld in an L: the one alone in its row is pinned, then the others through it.
        { "a two-way table, an L of three", TwoByTwo, [0, 1, 2], [0, 1, 2] },
        { "nothing withheld", Table([30, 15, 15], (0, [1, 2])), [], [] },
    };

    [Theory]
    [MemberData(nameof(AttackCases))]
    public void The_attacker_finds_exactly_the_determined_cells(string why, DisclosureTable table, int[] withheld, int[] determined) =>
        Assert.True(determined.SequenceEqual(LinearAttack.Determined(table, withheld.ToHashSet()).Order()),
            $"{why}: expected [{string.Join(",", determined)}], got [{string.Join(",", LinearAttack.Determined(table, withheld.ToHashSet()).Order())}]");

    [Fact]
    public void A_lone_small_child_gets_the_smallest_sibling_as_its_partner()
    {
        var table = Table([60, 5, 12, 13, 30], (0, [1, 2, 3, 4]));
        Assert.Equal([1, 2], ComplementarySuppression.Withhold(table, 10).Order());
    }

    [Fact]
    public void Nothing_small_nothing_withheld() =>
        Assert.Empty(ComplementarySuppression.Withhold(Table([60, 15, 12, 33], (0, [1, 2, 3])), 10));

    /// <summary>
    /// Random two-way tables (units × terms, with each unit's year, each term's total and the grand total, all published
    /// relations): after complementary suppression every cell under the threshold is withheld and the attacker
    /// determines none; primary suppression alone is shown to leak in most of them (so the test can fail).
    /// </summary>
    [Fact]
    public void Complementary_suppression_leaves_nothing_determined_in_random_two_way_tables()
    {
        var random = new Random(20261201);
        var leakedWithoutComplement = 0;
        const int Tables = 300;
        for (var n = 0; n < Tables; n++)
        {
            var (units, terms) = (random.Next(2, 7), random.Next(2, 5));
            var table = TwoWay(units, terms, (u, t) => random.Next(10) < 3 ? random.Next(0, 10) : random.Next(10, 60));
            var withheld = ComplementarySuppression.Withhold(table, 10);
            Assert.All(table.Cells.Select((v, i) => (v, i)).Where(c => c.v < 10), c => Assert.Contains(c.i, withheld));
            Assert.DoesNotContain(LinearAttack.Determined(table, withheld), c => ComplementarySuppression.IsSecret(table.Cells[c], 10));
            var primary = table.Cells.Select((v, i) => (v, i)).Where(c => c.v < 10).Select(c => c.i).ToHashSet();
            // The sparse elimination agrees with a dense reference on both systems.
            Assert.Equal(DenseDetermined(table, primary), LinearAttack.Determined(table, primary).ToHashSet());
            Assert.Equal(DenseDetermined(table, withheld), LinearAttack.Determined(table, withheld).ToHashSet());
            leakedWithoutComplement += LinearAttack.Determined(table, primary).Any(c => ComplementarySuppression.IsSecret(table.Cells[c], 10)) ? 1 : 0;
        }
        Assert.True(leakedWithoutComplement > Tables / 2, $"primary suppression alone leaked in only {leakedWithoutComplement} of {Tables} tables");
    }

    /// <summary>
    /// A dense reference for the attacker: a withheld cell is determined exactly when its column of the system is no
    /// combination of the other withheld cells' columns — removing it lowers the rank (floating point suffices for
    /// these small integer systems).
    /// </summary>
    private static HashSet<int> DenseDetermined(DisclosureTable table, IReadOnlySet<int> withheld)
    {
        var columns = withheld.Order().ToList();
        var rows = table.Relations.Select(r => columns.Select(c => (double)(r.Parts.Count(p => p == c) - (r.Total == c ? 1 : 0))).ToArray()).ToList();
        var full = Rank(rows, -1);
        return [.. columns.Where((_, j) => Rank(rows, j) < full)];
    }

    private static int Rank(List<double[]> rows, int without)
    {
        var m = rows.Select(r => r.Where((_, j) => j != without).ToArray()).ToList();
        var rank = 0;
        for (var c = 0; c < (m.FirstOrDefault()?.Length ?? 0) && rank < m.Count; c++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).OrderByDescending(r => Math.Abs(m[r][c])).First();
            if (Math.Abs(m[pivot][c]) < 1e-9)
            {
                continue;
            }
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r != rank && m[r][c] != 0)
                {
                    var f = m[r][c] / m[rank][c];
                    for (var k = c; k < m[r].Length; k++)
                    {
                        m[r][k] -= f * m[rank][k];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    /// <summary>Cells: units × terms inner cells, then each unit's year (row totals), each term's total (column totals), the grand total.</summary>
    private static DisclosureTable TwoWay(int units, int terms, Func<int, int, long> value)
    {
        var cells = new List<long>();
        for (var u = 0; u < units; u++)
        {
            for (var t = 0; t < terms; t++)
            {
                cells.Add(value(u, t));
            }
        }
        int Inner(int u, int t) => u * terms + t;
        var rowTotal = cells.Count;
        for (var u = 0; u < units; u++)
        {
            cells.Add(Enumerable.Range(0, terms).Sum(t => cells[Inner(u, t)]));
        }
        var columnTotal = cells.Count;
        for (var t = 0; t < terms; t++)
        {
            cells.Add(Enumerable.Range(0, units).Sum(u => cells[Inner(u, t)]));
        }
        var grand = cells.Count;
        cells.Add(Enumerable.Range(0, units * terms).Sum(i => cells[i]));
        var relations = new List<CellRelation>();
        for (var u = 0; u < units; u++)
        {
            relations.Add(new(rowTotal + u, [.. Enumerable.Range(0, terms).Select(t => Inner(u, t))]));
        }
        for (var t = 0; t < terms; t++)
        {
            relations.Add(new(columnTotal + t, [.. Enumerable.Range(0, units).Select(u => Inner(u, t))]));
        }
        relations.Add(new(grand, [.. Enumerable.Range(0, units).Select(u => rowTotal + u)]));
        relations.Add(new(grand, [.. Enumerable.Range(0, terms).Select(t => columnTotal + t)]));
        return new DisclosureTable(cells, relations);
    }
}
