using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Api.Web;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The rows of the classic report forms of a node for one cell (a term or the year, a subject or all): the figures of
/// the live summaries (the class and organization grains', the same the dashboard shows), the headcount movement from
/// the registry (<see cref="ReportHeadcounts"/>). An organization: its classes by grade and letter, a subtotal per
/// grade, its total. An area: its organizations by name, then each area below it as a group (its organizations, its
/// groups) closed by its subtotal, then its total. A class: its own row. The caller has checked the summary's rule.
/// </summary>
public sealed class ReportRead(NodeDirectory directory, IGrainFactory grains, ClusterCalls calls, ReportHeadcounts headcounts, IKazakhstanClock clock)
{
    public async Task<ReportView> ReadAsync(NodeRecord node, SummaryKey key, string language, CancellationToken cancellationToken)
    {
        var summary = await calls.IdempotentAsync(() => grains.SummaryNode(node.Kind, node.Id).GetSummary(), cancellationToken);
        var year = summary.AcademicYear ?? AcademicCalendar.YearOf(clock.Today);
        var byClass = node.Kind is NodeKind.Organization or NodeKind.Class;
        var counts = await headcounts.ReadAsync(node.Id, byClass, year, key.Term, clock.Today, cancellationToken);
        var name = NodeSummaryResponse.NameOf(node, node.Id, language);
        var rows = new List<ReportRow>();
        ReportRow total;
        if (node.Kind == NodeKind.Class)
        {
            var row = counts.SingleOrDefault();
            total = new ReportRow(ReportRowKind.Total, name, summary.Cell(key), row?.Headcount, row is { Grade: >= 2 } && MarksIn(row.OrganizationKind));
        }
        else if (node.Kind == NodeKind.Organization)
        {
            var kind = counts.FirstOrDefault()?.OrganizationKind;
            await AddClassesAsync(rows, node, key, counts, cancellationToken);
            total = new ReportRow(ReportRowKind.Total, name, summary.Cell(key), Headcount.Sum(counts.Select(c => c.Headcount)), kind is null || MarksIn(kind));
        }
        else
        {
            var organizations = counts.ToDictionary(c => c.OrganizationId, StringComparer.Ordinal);
            await AddAreaAsync(rows, node.Id, node.Kind, key, organizations, language, cancellationToken);
            total = new ReportRow(ReportRowKind.Total, name, summary.Cell(key), Headcount.Sum(organizations.Values.Select(c => c.Headcount)), true);
        }
        rows.Add(total);
        return new ReportView(node, name, key, year, summary.AsOf, rows);
    }

    /// <summary>A school's (and an additional-education centre's) term results count in the school figures the forms show; a college's and a kindergarten's do not.</summary>
    private static bool MarksIn(string organizationKind) => organizationKind is "school" or "additional";

    private async Task AddClassesAsync(List<ReportRow> rows, NodeRecord organization, SummaryKey key, IReadOnlyList<HeadcountRow> counts,
        CancellationToken cancellationToken)
    {
        var children = await calls.IdempotentAsync(() => ((IAggregateNode)grains.SummaryNode(organization.Kind, organization.Id)).GetChildren(), cancellationToken);
        var figures = children.ToDictionary(c => c.NodeId, c => c.Cell(key), StringComparer.Ordinal);
        var classes = counts.OrderBy(c => c.Grade).ThenBy(c => c.Letter, StringComparer.Ordinal).ThenBy(c => c.ClassId, StringComparer.Ordinal).ToList();
        foreach (var grade in classes.GroupBy(c => c.Grade!.Value))
        {
            // Grades 0 and 1 have no marks by the rules: headcount and attendance only.
            var marks = grade.Key >= 2 && MarksIn(grade.First().OrganizationKind);
            // A class's name is its grade and letter in every language, as the registry gives it.
            var gradeRows = grade.Select(c => new ReportRow(ReportRowKind.Class, FormattableString.Invariant($"{c.Grade}{c.Letter}"),
                figures.GetValueOrDefault(c.ClassId!) ?? SummaryFigures.Zero, c.Headcount, marks)).ToList();
            rows.AddRange(gradeRows);
            rows.Add(new ReportRow(ReportRowKind.Grade, grade.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SummaryFigures.Sum(gradeRows.Select(r => r.Figures)), Headcount.Sum(gradeRows.Select(r => r.Headcount)), marks));
        }
    }

    private async Task AddAreaAsync(List<ReportRow> rows, string areaId, NodeKind areaKind, SummaryKey key, IReadOnlyDictionary<string, HeadcountRow> counts,
        string language, CancellationToken cancellationToken)
    {
        var children = await calls.IdempotentAsync(() => ((IAggregateNode)grains.SummaryNode(areaKind, areaId)).GetChildren(), cancellationToken);
        var named = new List<(NodeSummary Summary, string Name)>(children.Count);
        foreach (var child in children)
        {
            named.Add((child, NodeSummaryResponse.NameOf(await directory.FindAsync(child.NodeId, cancellationToken), child.NodeId, language)));
        }
        var byName = StringComparer.Create(WebCultures.Of(language), ignoreCase: false);
        named = [.. named.OrderBy(c => c.Name, byName).ThenBy(c => c.Summary.NodeId, StringComparer.Ordinal)];
        foreach (var (organization, name) in named.Where(c => c.Summary.Kind == NodeKind.Organization))
        {
            var count = counts.GetValueOrDefault(organization.NodeId);
            rows.Add(new ReportRow(ReportRowKind.Organization, name, organization.Cell(key), count?.Headcount, count is null || MarksIn(count.OrganizationKind)));
        }
        foreach (var (area, name) in named.Where(c => c.Summary.Kind != NodeKind.Organization))
        {
            var first = rows.Count;
            await AddAreaAsync(rows, area.NodeId, area.Kind, key, counts, language, cancellationToken);
            var headcount = Headcount.Sum(rows.Skip(first).Where(r => r.Kind == ReportRowKind.Organization).Select(r => r.Headcount));
            rows.Add(new ReportRow(ReportRowKind.Area, name, area.Cell(key), headcount, true));
        }
    }
}

/// <summary>What a row of the forms is: a class, a grade's subtotal, an organization, an area's subtotal, the node's total.</summary>
public enum ReportRowKind
{
    Class,
    Grade,
    Organization,
    Area,
    Total,
}

/// <summary>
/// One row: its name (a class's, a grade's number, an organization's or an area's in the reader's language), the
/// figures of the report's cell, the headcount movement (null where the term has not begun) and whether the mark
/// columns apply (not in grades 0–1, nor for a college or a kindergarten, whose results are not the school figures).
/// </summary>
public sealed record ReportRow(ReportRowKind Kind, string Name, SummaryFigures Figures, Headcount? Headcount, bool Marks);

/// <summary>The forms' rows of a node for one cell, with what the title names: the node, the cell, the live year, the summary's as-of time.</summary>
public sealed record ReportView(NodeRecord Node, string NodeName, SummaryKey Key, string AcademicYear, DateTimeOffset AsOf, IReadOnlyList<ReportRow> Rows);
