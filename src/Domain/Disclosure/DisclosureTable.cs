namespace EduInfo.Domain.Disclosure;

/// <summary>An additive relation among cells: <c>cells[Total] = Σ cells[Parts]</c> (a parent and its children, a year and its terms).</summary>
public sealed record CellRelation(int Total, IReadOnlyList<int> Parts);

/// <summary>
/// What an open report publishes, as the attacker sees it: counts (pupils) in cells, and every additive relation among
/// them that anyone can know — a parent is the sum of its children, a total the sum of a breakdown's slices. A cell is
/// sensitive below the threshold (a handful of pupils: one child's marks are near).
/// </summary>
public sealed record DisclosureTable(IReadOnlyList<long> Cells, IReadOnlyList<CellRelation> Relations);
