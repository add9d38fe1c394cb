using System.Numerics;

namespace EduInfo.Domain.Disclosure;

/// <summary>
/// The attacker of an open report (issue 21): from the published cells and the additive relations among all cells,
/// which withheld cells are determined? Each relation touching a withheld cell is a linear equation over the withheld
/// cells (the published ones are constants); a withheld cell is determined exactly when its unit vector lies in the row
/// space of that system — in the reduced row echelon form, its column is a pivot whose row has no other entry. Exact
/// rational arithmetic (no rounding can hide or invent a disclosure), sparse rows: a country's table has thousands of
/// withheld cells (every organization's slices are unknowns), each in a few relations. Pure.
/// </summary>
public static class LinearAttack
{
    /// <summary>The withheld cells whose values the published cells and relations determine.</summary>
    public static IReadOnlySet<int> Determined(DisclosureTable table, IReadOnlySet<int> withheld) =>
        Eliminate(table.Relations, withheld, trace: false).Where(p => p.Value.Count == 1).Select(p => p.Key).ToHashSet();

    /// <summary>
    /// How the attacker computes one withheld cell: the published cells its value is a combination of (each with a
    /// non-zero net coefficient over the relations combined), or nothing when the cell is not determined. Withholding
    /// any of them breaks this way of computing it (another may remain). Solved over the cell's component only.
    /// </summary>
    public static IReadOnlySet<int> Route(DisclosureTable table, IReadOnlySet<int> withheld, int cell, ILookup<int, CellRelation> relationsOf)
    {
        var relations = Component(withheld, cell, relationsOf);
        var pivots = Eliminate(relations, withheld, trace: true);
        if (!pivots.TryGetValue(cell, out var row) || row.Keys.Count(k => k >= 0) != 1)
        {
            return new HashSet<int>();
        }
        // The traced columns −(i + 1) weigh relation i; the published cells' net coefficients over those weights.
        var net = new Dictionary<int, Rational>();
        foreach (var (column, weight) in row.Where(e => e.Key < 0))
        {
            var relation = relations[-column - 1];
            Accumulate(net, relation.Total, -weight, withheld);
            foreach (var part in relation.Parts)
            {
                Accumulate(net, part, weight, withheld);
            }
        }
        return net.Where(e => !e.Value.IsZero).Select(e => e.Key).ToHashSet();

        static void Accumulate(Dictionary<int, Rational> net, int cell, Rational weight, IReadOnlySet<int> withheld)
        {
            if (!withheld.Contains(cell))
            {
                net[cell] = net.GetValueOrDefault(cell) + weight;
            }
        }
    }

    /// <summary>Each cell's relations, for <see cref="Route"/>.</summary>
    public static ILookup<int, CellRelation> RelationsOf(DisclosureTable table) =>
        table.Relations.SelectMany(r => r.Parts.Append(r.Total).Distinct().Select(c => (c, r))).ToLookup(p => p.c, p => p.r);

    /// <summary>
    /// The relations reached from a cell through withheld cells: its component, which alone decides it (no other
    /// relation shares an unknown with them).
    /// </summary>
    private static List<CellRelation> Component(IReadOnlySet<int> withheld, int cell, ILookup<int, CellRelation> relationsOf)
    {
        var seen = new HashSet<int> { cell };
        var relations = new HashSet<CellRelation>(ReferenceEqualityComparer.Instance);
        var ordered = new List<CellRelation>();
        var queue = new Queue<int>([cell]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var relation in relationsOf[next].Where(relations.Add))
            {
                ordered.Add(relation);
                foreach (var other in relation.Parts.Append(relation.Total).Where(c => withheld.Contains(c) && seen.Add(c)))
                {
                    queue.Enqueue(other);
                }
            }
        }
        return ordered;
    }

    /// <summary>
    /// Incremental Gauss–Jordan over sparse rows: each pivot column (a withheld cell) and its row, the pivot 1 and no
    /// other pivot column in it. With <paramref name="trace"/>, row i also carries the column −(i + 1) weighing relation
    /// i, so a row says which relations it combines (never a pivot: only cells are).
    /// </summary>
    private static Dictionary<int, Dictionary<int, Rational>> Eliminate(IReadOnlyList<CellRelation> relations, IReadOnlySet<int> withheld, bool trace)
    {
        var pivots = new Dictionary<int, Dictionary<int, Rational>>();
        var holders = new Dictionary<int, HashSet<int>>(); // a non-pivot column → the pivots whose rows hold it
        for (var i = 0; i < relations.Count; i++)
        {
            var relation = relations[i];
            var row = new Dictionary<int, Rational>();
            Add(row, relation.Total, -Rational.One, withheld);
            foreach (var part in relation.Parts)
            {
                Add(row, part, Rational.One, withheld);
            }
            if (row.Count == 0)
            {
                continue; // touches no withheld cell: no equation over the unknowns
            }
            if (trace)
            {
                row[-(i + 1)] = Rational.One;
            }
            // Reduce by the pivots so far: their rows hold no other pivot column, so one pass clears every pivot column.
            foreach (var (column, factor) in row.Where(e => pivots.ContainsKey(e.Key)).ToList())
            {
                AddScaled(row, pivots[column], -factor);
            }
            var cells = row.Keys.Where(k => k >= 0).ToList();
            if (cells.Count == 0)
            {
                continue; // implied by the relations before it
            }
            var pivot = cells.Min();
            var scale = row[pivot];
            foreach (var column in row.Keys.ToList())
            {
                row[column] /= scale;
            }
            // Clear the new pivot column from the earlier pivots' rows, keeping the form reduced.
            if (holders.Remove(pivot, out var holding))
            {
                foreach (var other in holding)
                {
                    var otherRow = pivots[other];
                    var factor = otherRow[pivot];
                    foreach (var column in otherRow.Keys.Where(c => c != other && c != pivot))
                    {
                        Holders(holders, column).Remove(other);
                    }
                    AddScaled(otherRow, row, -factor);
                    foreach (var column in otherRow.Keys.Where(c => c != other))
                    {
                        Holders(holders, column).Add(other);
                    }
                }
            }
            pivots[pivot] = row;
            foreach (var column in row.Keys.Where(c => c != pivot))
            {
                Holders(holders, column).Add(pivot);
            }
        }
        return pivots;
    }

    private static void Add(Dictionary<int, Rational> row, int cell, Rational coefficient, IReadOnlySet<int> withheld)
    {
        if (withheld.Contains(cell))
        {
            Set(row, cell, row.GetValueOrDefault(cell) + coefficient);
        }
    }

    private static void AddScaled(Dictionary<int, Rational> row, Dictionary<int, Rational> other, Rational factor)
    {
        foreach (var (column, value) in other)
        {
            Set(row, column, row.GetValueOrDefault(column) + factor * value);
        }
    }

    private static void Set(Dictionary<int, Rational> row, int column, Rational value)
    {
        if (value.IsZero)
        {
            row.Remove(column);
        }
        else
        {
            row[column] = value;
        }
    }

    private static HashSet<int> Holders(Dictionary<int, HashSet<int>> holders, int column) =>
        holders.TryGetValue(column, out var set) ? set : holders[column] = [];

    /// <summary>An exact fraction (normalized: positive denominator, lowest terms); default is zero.</summary>
    private readonly record struct Rational(BigInteger Numerator, BigInteger Denominator)
    {
        public static readonly Rational One = new(1, 1);

        public bool IsZero => Numerator.IsZero;

        private BigInteger Den => Denominator.IsZero ? BigInteger.One : Denominator;

        private static Rational Of(BigInteger n, BigInteger d)
        {
            if (n.IsZero)
            {
                return default;
            }
            var g = BigInteger.GreatestCommonDivisor(n, d);
            if (d.Sign < 0)
            {
                g = -g;
            }
            return new(n / g, d / g);
        }

        public static Rational operator +(Rational a, Rational b) => Of(a.Numerator * b.Den + b.Numerator * a.Den, a.Den * b.Den);

        public static Rational operator -(Rational a, Rational b) => Of(a.Numerator * b.Den - b.Numerator * a.Den, a.Den * b.Den);

        public static Rational operator *(Rational a, Rational b) => Of(a.Numerator * b.Numerator, a.Den * b.Den);

        public static Rational operator /(Rational a, Rational b) => Of(a.Numerator * b.Den, a.Den * b.Numerator);

        public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);
    }
}
