using EduInfo.Api.Contracts;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Web;

/// <summary>
/// What the dashboard's section (<c>DashboardSection.razor</c>) shows for one node, filter and language: read the same
/// way for the page and for the fragment its viewers share (<see cref="DashboardViews"/>). Nothing in it is the reader's.
/// </summary>
/// <param name="Term">The filter's term as the address writes it, null for the whole year.</param>
/// <param name="SubjectId">The filter's subject, null for all.</param>
public sealed record DashboardSectionData(DashboardView View, DashboardCharts Charts, IReadOnlyList<(string Id, string Name)> Subjects,
    IReadOnlyList<PublicSummary> Children, string? Term, string? SubjectId)
{
    /// <summary>The breakdown shown (issue 19): its dimension, and its rows for the filter's term (all subjects).</summary>
    public BreakdownDimension Dimension { get; init; }

    public IReadOnlyList<BreakdownRow> Breakdown { get; init; } = [];

    /// <summary>The dimension as the address writes it: null for the default one.</summary>
    public string? DimensionParameter => Dimension == default ? null : EduInfo.Domain.Metrics.Breakdown.NameOf(Dimension);

    /// <summary>The query each child's link keeps: a drill-down keeps the filters and the breakdown.</summary>
    public string Query => Of(("term", Term), ("subjectId", SubjectId), ("dimension", DimensionParameter));

    /// <summary>The breakdown of the address: one that names no dimension is the first (locality), as a bad filter is none.</summary>
    public static BreakdownDimension DimensionOf(string? dimension) => EduInfo.Domain.Metrics.Breakdown.Parse(dimension) ?? default;

    /// <summary>The filter of the address: one that names nothing (a term out of range, a malformed subject id) is no filter, the whole year.</summary>
    public static SummaryFilter FilterOf(string? term, string? subjectId) =>
        SummaryFilter.Parse(NullIfEmpty(term), NullIfEmpty(subjectId), null, []) ?? SummaryFilter.Parse(null, null, null, [])!;

    public static async Task<DashboardSectionData> ReadAsync(Dashboard dashboards, SubjectNames subjectNames, NodeRecord node, SummaryFilter filter,
        BreakdownDimension dimension, WebText text, CancellationToken cancellationToken)
    {
        var view = await dashboards.ReadAsync(node, filter, text.Language, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in view.Subjects)
        {
            names[id] = await subjectNames.NameAsync(id, text.Language, cancellationToken);
        }
        var subjects = view.Subjects.Select(id => (id, names[id])).OrderBy(s => s.Item2, StringComparer.Create(text.Culture, false)).ToList();
        var key = filter.Key;
        return new DashboardSectionData(view, new DashboardCharts(view, key, names, text), subjects, view.Children.Select(Row).ToList(),
            key.Term == SummaryKey.Year ? null : key.Term.ToString(System.Globalization.CultureInfo.InvariantCulture),
            key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId)
        {
            Dimension = dimension,
            Breakdown = BreakdownRow.Of(view.Breakdowns, new BreakdownQuery(dimension, key.Term), text.Language),
        };
    }

    /// <summary>A query string of the pairs that have a value ("" when none has).</summary>
    public static string Of(params (string Name, string? Value)[] pairs) =>
        QueryString.Create(pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))).ToString();

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static PublicSummary Row(DashboardRow row) => new(row.NodeId, row.Kind.ToString().ToLowerInvariant(), row.KindName, row.Name, false,
        row.Figures.Students, row.Figures.Classes, row.Figures.Organizations, row.Rates);
}
