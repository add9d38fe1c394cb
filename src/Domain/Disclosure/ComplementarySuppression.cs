namespace EduInfo.Domain.Disclosure;

/// <summary>
/// Which cells of an open report to withhold (issue 21): every cell under the threshold (primary), then, while the
/// attacker (<see cref="LinearAttack"/>) can still determine a secret cell (<see cref="IsSecret"/>), for each such
/// secret one more cell (complementary): the smallest of the published cells the attacker's computation of it uses
/// (<see cref="LinearAttack.Route"/>) — the least information lost that breaks that computation; the next round finds
/// any other way of computing it. Only the cells of one to threshold − 1 pupils are secrets: a complementary cell may be
/// computed back (it is withheld to hide another, not for itself), and so may a cell the report never publishes (an
/// organization's slices and weeks: unknowns to the attacker) that is not small, as a one-school district's slices are
/// its school's. Each round withholds at least one more cell, so it ends. Pure.
/// </summary>
public static class ComplementarySuppression
{
    public static IReadOnlySet<int> Withhold(DisclosureTable table, long threshold, IReadOnlySet<int>? unpublished = null)
    {
        unpublished ??= new HashSet<int>();
        var withheld = table.Cells.Select((v, i) => (v, i)).Where(c => c.v < threshold || unpublished.Contains(c.i)).Select(c => c.i).ToHashSet();
        var relationsOf = LinearAttack.RelationsOf(table);
        while (true)
        {
            var added = false;
            foreach (var exposed in LinearAttack.Determined(table, withheld).Where(c => IsSecret(table.Cells[c], threshold)).Order())
            {
                // An earlier partner of this round may have hidden it already; if not, break the way it is computed.
                var route = LinearAttack.Route(table, withheld, exposed, relationsOf);
                if (route.Count > 0)
                {
                    withheld.Add(route.OrderBy(c => table.Cells[c]).ThenBy(c => c).First());
                    added = true;
                }
            }
            if (!added)
            {
                return withheld;
            }
        }
    }

    /// <summary>The first secret cell the attacker determines, or null when none.</summary>
    public static int? Exposed(DisclosureTable table, IReadOnlySet<int> withheld, long threshold) =>
        LinearAttack.Determined(table, withheld).Where(c => IsSecret(table.Cells[c], threshold)).Order().Cast<int?>().FirstOrDefault();

    /// <summary>
    /// A cell of one to threshold − 1 pupils. An empty cell is withheld like any small one but is no secret: "nobody"
    /// is nobody's mark, and an empty cell is inferred from the structure anyway (a centre without pupils).
    /// </summary>
    public static bool IsSecret(long size, long threshold) => size > 0 && size < threshold;
}
