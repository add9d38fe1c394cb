using EduInfo.Domain.Metrics;

namespace EduInfo.Domain.Disclosure;

/// <summary>A public unit (the republic, a region, a district, an organization) and its pupils in one cell of the report.</summary>
/// <param name="Slices">Its breakdown slices (all-subject cells only; empty when the cell has none).</param>
public sealed record OpenUnit(string Id, string? ParentId, bool IsOrganization, long Students, IReadOnlyList<OpenSlice> Slices);

/// <summary>One value of one breakdown dimension of a unit, and its pupils.</summary>
public readonly record struct OpenSlice(BreakdownDimension Dimension, string Value, long Students);

/// <summary>What an open report cell is: a unit's total, one of its breakdown slices, a week of its trend, or the latest week.</summary>
public enum OpenCellKind
{
    Total,
    Slice,
    /// <summary>A completed week's point of the weekly trend (every week but the latest has this shape).</summary>
    Week,
    /// <summary>The latest week's point: the attacker may take it for today's total, once nothing changes (holidays).</summary>
    LatestWeek,
    /// <summary>
    /// What makes a sum add up when its parts do not cover its total (pupils without a recorded sex, a parent's copy a
    /// moment behind its children): never published, and a secret when it is a handful of pupils.
    /// </summary>
    Remainder,
}

/// <summary>A cell of the open report: a unit's total, slice (<see cref="Dimension"/>, <see cref="Value"/>) or trend point.</summary>
public readonly record struct OpenCell(OpenCellKind Kind, string UnitId, BreakdownDimension? Dimension = null, string? Value = null);

/// <summary>
/// The whole open report of one cell key (a term or the year; a subject or all) as the attacker sees it (issue 21,
/// item 2): every unit's total; the breakdown slices of the areas (published) and of the organizations (never
/// published: unknowns); the weekly trend points of the areas (published) and of the organizations (never published),
/// and every additive relation among them — a parent is the sum of its children, a total the sum of each dimension's
/// slices, an area's slice the sum of its children's, a week's point the sum of its children's, and a week's point may
/// equal the latest week's and today's total. A sum whose parts do not cover its total gets a remainder cell (unknown).
/// Sizes are today's pupils (a trend's point is sized as its unit today). Pure.
/// </summary>
public sealed record OpenReportTable(DisclosureTable Table, IReadOnlyList<OpenCell> Cells, IReadOnlySet<int> Unpublished)
{
    public static OpenReportTable Of(IReadOnlyList<OpenUnit> units)
    {
        var cells = new List<OpenCell>();
        var sizes = new List<long>();
        var index = new Dictionary<OpenCell, int>();
        var unpublished = new HashSet<int>();
        var relations = new List<CellRelation>();
        int Cell(OpenCell cell, long size, bool published)
        {
            if (!index.TryGetValue(cell, out var i))
            {
                index[cell] = i = cells.Count;
                cells.Add(cell);
                sizes.Add(size);
                if (!published)
                {
                    unpublished.Add(i);
                }
            }
            return i;
        }
        void Relate(int total, IReadOnlyList<int> parts, long totalSize, long partsSize, OpenCell remainder)
        {
            // A sum that does not add up still tells the attacker the difference: that is a cell too, unknown to him.
            if (parts.Count == 0)
            {
                return;
            }
            relations.Add(new CellRelation(total, totalSize == partsSize ? parts : [.. parts, Cell(remainder, Math.Abs(totalSize - partsSize), false)]));
        }

        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);
        // Slices, then weeks, then totals: among cells of equal size the suppression gives up the earlier first, and a
        // total is what readers need most.
        foreach (var unit in units)
        {
            foreach (var slice in unit.Slices)
            {
                Cell(new OpenCell(OpenCellKind.Slice, unit.Id, slice.Dimension, slice.Value), slice.Students, !unit.IsOrganization);
            }
        }
        foreach (var kind in new[] { OpenCellKind.Week, OpenCellKind.LatestWeek })
        {
            foreach (var unit in units)
            {
                Cell(new OpenCell(kind, unit.Id), unit.Students, !unit.IsOrganization);
            }
        }
        foreach (var unit in units)
        {
            Cell(new OpenCell(OpenCellKind.Total, unit.Id), unit.Students, true);
        }
        foreach (var unit in units)
        {
            var total = index[new OpenCell(OpenCellKind.Total, unit.Id)];
            var latest = index[new OpenCell(OpenCellKind.LatestWeek, unit.Id)];
            // Once nothing changes (holidays, a week without marks) a week's point is the next one's and today's total.
            relations.Add(new CellRelation(total, [latest]));
            relations.Add(new CellRelation(latest, [index[new OpenCell(OpenCellKind.Week, unit.Id)]]));
            foreach (var dimension in unit.Slices.GroupBy(s => s.Dimension))
            {
                var parts = dimension.Select(s => index[new OpenCell(OpenCellKind.Slice, unit.Id, s.Dimension, s.Value)]).ToList();
                Relate(total, parts, unit.Students, dimension.Sum(s => s.Students), new OpenCell(OpenCellKind.Remainder, unit.Id, dimension.Key));
            }
        }
        foreach (var unit in units.Where(u => !u.IsOrganization))
        {
            var below = children[unit.Id].ToList();
            var sum = below.Sum(c => c.Students);
            foreach (var kind in new[] { OpenCellKind.Total, OpenCellKind.Week, OpenCellKind.LatestWeek })
            {
                Relate(index[new OpenCell(kind, unit.Id)], [.. below.Select(c => index[new OpenCell(kind, c.Id)])], unit.Students, sum,
                    new OpenCell(OpenCellKind.Remainder, unit.Id, Value: kind.ToString()));
            }
            foreach (var slice in unit.Slices)
            {
                var parts = below.SelectMany(c => c.Slices.Where(s => s.Dimension == slice.Dimension && s.Value == slice.Value)
                    .Select(s => (Cell: index[new OpenCell(OpenCellKind.Slice, c.Id, s.Dimension, s.Value)], s.Students))).ToList();
                Relate(index[new OpenCell(OpenCellKind.Slice, unit.Id, slice.Dimension, slice.Value)], [.. parts.Select(p => p.Cell)],
                    slice.Students, parts.Sum(p => p.Students), new OpenCell(OpenCellKind.Remainder, unit.Id, slice.Dimension, "children:" + slice.Value));
            }
        }
        return new OpenReportTable(new DisclosureTable(sizes, relations), cells, unpublished);
    }

    /// <summary>The cells to withhold: under the threshold, and the complementary cells that keep them undetermined.</summary>
    public OpenReportSuppression Suppress(long threshold) =>
        new(ComplementarySuppression.Withhold(Table, threshold, Unpublished).Select(i => Cells[i]).ToHashSet());
}

/// <summary>The withheld cells of an open report (every cell, with <see cref="All"/>); every other cell of it is published.</summary>
public sealed record OpenReportSuppression(IReadOnlySet<OpenCell> Withheld, bool All = false)
{
    /// <summary>A cell key with nothing to publish (a subject nobody has marks in): every cell withheld, nothing computed.</summary>
    public static OpenReportSuppression Everything { get; } = new(new HashSet<OpenCell>(), true);

    public bool Total(string unitId) => All || Withheld.Contains(new OpenCell(OpenCellKind.Total, unitId));

    public bool Slice(string unitId, BreakdownDimension dimension, string value) =>
        All || Withheld.Contains(new OpenCell(OpenCellKind.Slice, unitId, dimension, value));

    /// <summary>A unit's weekly points, withheld together: any week may equal the latest one (and today's total).</summary>
    public bool Weeks(string unitId) =>
        All || Withheld.Contains(new OpenCell(OpenCellKind.Week, unitId)) || Withheld.Contains(new OpenCell(OpenCellKind.LatestWeek, unitId));
}
