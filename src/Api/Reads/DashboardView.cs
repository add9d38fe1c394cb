using EduInfo.Api.Contracts;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// What the signed-in dashboard of a node shows for one filter (a term or the year, a subject or all), in the reader's
/// language: the page at <c>/nodes/{nodeId}</c> renders it and <c>GET /api/v1/nodes/{nodeId}/export</c> writes it, so
/// the file holds exactly what the page shows. Figures are the selected cell's (<see cref="NodeSummary.Cell"/>), never
/// suppressed (signed-in readers of their own scope).
/// </summary>
/// <param name="Node">The node as the registry has it (its path gives the crumbs).</param>
/// <param name="AsOf">When the node's summary last changed.</param>
/// <param name="Version">The node's summary version (the live stream's event id).</param>
/// <param name="Total">The node's own row.</param>
/// <param name="Children">One row per child, ordered by name in the reader's language (then id); none for a class.</param>
/// <param name="Targets">The regional targets of an area with their gaps to <see cref="Total"/>'s rates; none below a district.</param>
/// <param name="Terms">The terms that hold figures, for the term filter.</param>
/// <param name="Subjects">The subject ids that hold figures, for the subject filter.</param>
/// <param name="AcademicYear">The live data's academic year: a caller that took a <c>year=</c> checks it with <see cref="SummaryFilter.YearProblem"/>.</param>
public sealed record DashboardView(
    NodeRecord Node,
    DateTimeOffset AsOf,
    long Version,
    DashboardRow Total,
    IReadOnlyList<DashboardRow> Children,
    IReadOnlyList<TargetGap> Targets,
    IReadOnlyList<int> Terms,
    IReadOnlyList<string> Subjects,
    string? AcademicYear)
{
    /// <summary>The node's rates in every cell that holds figures (the year or a term, all subjects or one), for comparisons.</summary>
    public IReadOnlyList<DashboardCell> Cells { get; init; } = [];

    /// <summary>The node's breakdown slices (every dimension, term and the year), from the same summary read.</summary>
    public IReadOnlyList<BreakdownSlice> Breakdowns { get; init; } = [];

    /// <summary>The figures are not whole yet: the node is catching up after a restart (<see cref="NodeSummary.CatchingUp"/>).</summary>
    public bool CatchingUp { get; init; }
}

/// <summary>A node's rates in one cell: <see cref="SummaryKey.Year"/> for the whole year, <see cref="SummaryKey.AllSubjects"/> for every subject.</summary>
public sealed record DashboardCell(int Term, string SubjectId, SummaryFigures Figures, SummaryRates Rates);

/// <summary>One row of the dashboard: a node named in the reader's language, its figures and rates for the filter's cell.</summary>
public sealed record DashboardRow(string NodeId, NodeKind Kind, string KindName, string Name, SummaryFigures Figures, SummaryRates Rates);
