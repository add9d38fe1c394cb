using System.Globalization;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A node's live breakdown in one dimension and term (or the year), all subjects: one row per value with its integer
/// figures and the rates the summary derives from them. Over the values, the figures the dimension carries sum to the
/// node's (docs/analysis.md, Breakdowns): every figure for locality, kind and subordination; all but organizations for
/// language and grade; the pupils' figures for sex.
/// </summary>
public sealed record BreakdownResponse(
    string NodeId,
    string Name,
    long Version,
    DateTimeOffset AsOf,
    string? Year,
    string Dimension,
    string DimensionName,
    int? Term,
    IReadOnlyList<int> Terms,
    IReadOnlyList<BreakdownRow> Slices)
{
    public static BreakdownResponse Of(NodeSummary summary, NodeRecord node, BreakdownQuery query, string language) => new(
        summary.NodeId,
        NodeSummaryResponse.NameOf(node, summary.NodeId, language),
        summary.Version,
        summary.AsOf,
        summary.AcademicYear,
        Breakdown.NameOf(query.Dimension),
        Messages.Get($"breakdown.dimension.{Breakdown.NameOf(query.Dimension)}", language),
        query.Term == SummaryKey.Year ? null : query.Term,
        (summary.Breakdowns ?? []).Where(s => s.Dimension == query.Dimension && s.Term != SummaryKey.Year).Select(s => s.Term).Distinct().Order().ToList(),
        BreakdownRow.Of(summary.Breakdowns, query, language));
}

/// <summary>One value of a breakdown: its wire value ("rural", "kk", "7", "female", …), its label in the reader's language, figures and rates.</summary>
public sealed record BreakdownRow(string Value, string Label, SummaryFigures Figures, SummaryRates Rates)
{
    /// <summary>The slices of the query's dimension and term, in the dimension's order.</summary>
    public static IReadOnlyList<BreakdownRow> Of(IReadOnlyList<BreakdownSlice>? slices, BreakdownQuery query, string language) =>
        (slices ?? []).Where(s => s.Dimension == query.Dimension && s.Term == query.Term)
            .OrderBy(s => Breakdown.RankOf(s.Dimension, s.Value)).ThenBy(s => s.Value, StringComparer.Ordinal)
            .Select(s => new BreakdownRow(s.Value, LabelOf(s.Dimension, s.Value, language), s.Figures, SummaryRates.Of(s.Figures)))
            .ToList();

    /// <summary>A value's label: "Ауыл/Село/Rural", a language's name, a kind, "7 сынып/7 класс/Grade 7", "Ұлдар/Мальчики/Boys"; an unknown code as it is.</summary>
    public static string LabelOf(BreakdownDimension dimension, string value, string language)
    {
        var name = Breakdown.NameOf(dimension);
        if (dimension == BreakdownDimension.Grade)
        {
            return value == "0" ? Messages.Get("breakdown.value.grade.0", language) : Messages.Get("breakdown.value.grade", language, value);
        }
        var key = $"breakdown.value.{name}.{value}";
        return Messages.Catalog.ContainsKey(key) ? Messages.Get(key, language) : value;
    }
}

/// <summary>The <c>dimension</c> and <c>term</c> of a breakdown read: a dimension by its lowercase name; a term 1.. or <c>year</c> (also when omitted).</summary>
public sealed record BreakdownQuery(BreakdownDimension Dimension, int Term)
{
    public static BreakdownQuery? Parse(string? dimension, string? term, List<(string Field, string Code)> problems)
    {
        var parsed = Breakdown.Parse(dimension);
        if (parsed is null)
        {
            problems.Add(("dimension", dimension is null ? "required" : "dimensionUnknown"));
        }
        var number = SummaryKey.Year;
        if (term is not null && term != "year"
            && (!int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > SummaryFilter.MaxTerm))
        {
            problems.Add(("term", "termOutOfRange"));
        }
        return problems.Count > 0 ? null : new BreakdownQuery(parsed!.Value, number);
    }
}
