using EduInfo.Domain.Disclosure;
using EduInfo.Domain.Metrics;

namespace EduInfo.UnitTests.Disclosure;

/// <summary>
/// The open report as one table (issue 21, item 2): totals, the areas' breakdowns and weekly trends, with the
/// organizations' slices and weeks as unknowns. Hand-made trees say which cells go and why; random countries show that
/// after suppression no cell under the threshold — published or not — is determined by everything published.
/// </summary>
public sealed class OpenReportTableTests
{
    private static OpenUnit Area(string id, string? parent, long students, params (BreakdownDimension D, string V, long N)[] slices) =>
        new(id, parent, false, students, [.. slices.Select(s => new OpenSlice(s.D, s.V, s.N))]);

    private static OpenUnit School(string id, string parent, long students, params (BreakdownDimension D, string V, long N)[] slices) =>
        new(id, parent, true, students, [.. slices.Select(s => new OpenSlice(s.D, s.V, s.N))]);

    private const BreakdownDimension Sex = BreakdownDimension.Sex;

    [Fact]
    public void A_small_school_is_withheld_with_its_smallest_sibling_and_the_district_stays()
    {
        var suppression = OpenReportTable.Of([Area("D", null, 60), School("S1", "D", 5), School("S2", "D", 25), School("S3", "D", 30)]).Suppress(10);
        Assert.True(suppression.Total("S1"));
        Assert.True(suppression.Total("S2"));
        Assert.False(suppression.Total("S3"));
        Assert.False(suppression.Total("D"));
        Assert.False(suppression.Weeks("D"));
    }

    [Fact]
    public void A_small_slice_of_an_area_takes_a_partner_in_its_dimension()
    {
        var suppression = OpenReportTable.Of([
            Area("D", null, 40, (Sex, "female", 34), (Sex, "male", 6)),
            School("S1", "D", 20, (Sex, "female", 17), (Sex, "male", 3)),
            School("S2", "D", 20, (Sex, "female", 17), (Sex, "male", 3)),
        ]).Suppress(10);
        Assert.True(suppression.Slice("D", Sex, "male"));
        // The district's total is published, so its girls would give the boys away: withheld too.
        Assert.True(suppression.Slice("D", Sex, "female"));
        Assert.False(suppression.Total("D"));
    }

    [Fact]
    public void A_one_school_district_publishes_what_its_school_has_in_common_with_it()
    {
        // The district's slices are the school's (≥ 10, no secret); its weekly point is the school's (20 pupils).
        var suppression = OpenReportTable.Of([
            Area("D", null, 20, (Sex, "female", 10), (Sex, "male", 10)),
            School("S", "D", 20, (Sex, "female", 10), (Sex, "male", 10)),
        ]).Suppress(10);
        Assert.Equal(new HashSet<OpenCell>
        {
            new(OpenCellKind.Slice, "S", Sex, "female"), new(OpenCellKind.Slice, "S", Sex, "male"),
            new(OpenCellKind.Week, "S"), new(OpenCellKind.LatestWeek, "S"),
        }, suppression.Withheld);
    }

    [Fact]
    public void A_weekly_point_that_would_single_out_a_small_school_is_withheld()
    {
        // A region of two districts and a college of 4 pupils: the region's week minus the districts' weeks is the
        // college's week. One district's trend goes too.
        var suppression = OpenReportTable.Of([
            Area("R", null, 64), Area("D1", "R", 30), Area("D2", "R", 30), School("C", "R", 4),
            School("S1", "D1", 30), School("S2", "D2", 30),
        ]).Suppress(10);
        Assert.True(suppression.Total("C"));
        Assert.True(suppression.Weeks("D1") || suppression.Weeks("D2") || suppression.Weeks("R"));
    }

    [Fact]
    public void A_sum_that_does_not_add_up_has_its_remainder_as_a_secret()
    {
        // Girls and boys cover all but 3 pupils (no sex recorded): total − girls − boys is those 3, withheld with a partner.
        var table = OpenReportTable.Of([Area("D", null, 50, (Sex, "female", 25), (Sex, "male", 22)), School("S1", "D", 25), School("S2", "D", 25)]);
        var remainder = table.Cells.ToList().IndexOf(new OpenCell(OpenCellKind.Remainder, "D", Sex));
        Assert.Equal(3, table.Table.Cells[remainder]);
        Assert.Contains(remainder, table.Table.Relations.Single(r => r.Parts.Contains(remainder)).Parts);
        var suppression = table.Suppress(10);
        Assert.True(suppression.Slice("D", Sex, "female") || suppression.Slice("D", Sex, "male") || suppression.Total("D"));
    }

    /// <summary>
    /// Random countries (a republic, regions, districts, schools with and without small cells, colleges under regions):
    /// every cell under the threshold is withheld or unpublished, and the attacker determines none of them; primary suppression alone leaks in most countries (so the test can fail).
    /// </summary>
    [Fact]
    public void No_small_cell_is_determined_in_random_countries()
    {
        var random = new Random(21);
        const int Countries = 40;
        var leakedWithoutComplement = 0;
        for (var n = 0; n < Countries; n++)
        {
            var table = OpenReportTable.Of(Country(random));
            var withheldCells = table.Suppress(10).Withheld;
            var withheld = table.Cells.Select((c, i) => (c, i)).Where(p => withheldCells.Contains(p.c)).Select(p => p.i).ToHashSet();
            Assert.All(table.Unpublished, i => Assert.Contains(i, withheld));
            var small = table.Table.Cells.Select((v, i) => (v, i)).Where(c => c.v < 10).Select(c => c.i).ToHashSet();
            Assert.Subset(withheld, small);
            small.RemoveWhere(c => !ComplementarySuppression.IsSecret(table.Table.Cells[c], 10)); // an empty cell is no secret
            Assert.Empty(LinearAttack.Determined(table.Table, withheld).Intersect(small));
            var primary = small.Union(table.Unpublished).ToHashSet();
            leakedWithoutComplement += LinearAttack.Determined(table.Table, primary).Any(small.Contains) ? 1 : 0;
        }
        Assert.True(leakedWithoutComplement > Countries / 2, $"primary suppression alone leaked in only {leakedWithoutComplement} of {Countries}");
    }

    private static List<OpenUnit> Country(Random random)
    {
        var units = new List<OpenUnit>();
        (long Total, List<(BreakdownDimension, string, long)> Slices) Add(List<OpenUnit> into, string id, string? parent, bool organization, IReadOnlyList<(long Total, List<(BreakdownDimension, string, long)> Slices)> below)
        {
            var slices = below.SelectMany(b => b.Slices).GroupBy(s => (s.Item1, s.Item2)).Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(s => s.Item3))).ToList();
            var total = below.Sum(b => b.Total);
            into.Add(new OpenUnit(id, parent, organization, total, [.. slices.Select(s => new OpenSlice(s.Item1, s.Item2, s.Item3))]));
            return (total, slices);
        }
        (long, List<(BreakdownDimension, string, long)>) Pupils()
        {
            var girls = random.Next(10) < 3 ? random.Next(0, 10) : random.Next(10, 40);
            var boys = random.Next(10) < 3 ? random.Next(0, 10) : random.Next(10, 40);
            var rural = random.Next(2) == 0;
            return (girls + boys, [(Sex, "female", girls), (Sex, "male", boys), (BreakdownDimension.Locality, rural ? "rural" : "urban", girls + boys)]);
        }
        var regions = new List<(long, List<(BreakdownDimension, string, long)>)>();
        var all = new List<OpenUnit>();
        for (var r = 0; r < random.Next(2, 4); r++)
        {
            var districts = new List<(long, List<(BreakdownDimension, string, long)>)>();
            var regionUnits = new List<OpenUnit>();
            for (var d = 0; d < random.Next(1, 4); d++)
            {
                var schools = new List<OpenUnit>();
                var sizes = Enumerable.Range(0, random.Next(1, 4)).Select(s => (Id: $"S{r}{d}{s}", Pupils: Pupils())).ToList();
                foreach (var (id, pupils) in sizes)
                {
                    schools.Add(new OpenUnit(id, $"D{r}{d}", true, pupils.Item1, [.. pupils.Item2.Select(s => new OpenSlice(s.Item1, s.Item2, s.Item3))]));
                }
                districts.Add(Add(regionUnits, $"D{r}{d}", $"R{r}", false, [.. sizes.Select(s => s.Pupils)]));
                regionUnits.AddRange(schools);
            }
            var college = Pupils();
            regionUnits.Add(new OpenUnit($"C{r}", $"R{r}", true, college.Item1, [.. college.Item2.Select(s => new OpenSlice(s.Item1, s.Item2, s.Item3))]));
            regions.Add(Add(all, $"R{r}", "KZ", false, [.. districts, college]));
            all.AddRange(regionUnits);
        }
        Add(all, "KZ", null, false, regions);
        units.AddRange(all);
        return units;
    }
}
