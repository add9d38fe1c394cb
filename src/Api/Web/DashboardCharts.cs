using System.Text.Json;
using EduInfo.Api.Reads;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;

namespace EduInfo.Api.Web;

/// <summary>
/// The data of a dashboard's charts, as the page embeds it for the charts module (a JSON data block: never run), and a
/// sentence per chart for readers who do not see it (its accessible name). Labels are in the page's language.
/// </summary>
public sealed class DashboardCharts
{
    private readonly Dictionary<string, Chart> _charts = new(StringComparer.Ordinal);
    private readonly WebText _text;

    public DashboardCharts(DashboardView view, SummaryKey key, IReadOnlyDictionary<string, string> subjectNames, WebText text)
    {
        _text = text;
        var f = view.Total.Figures;
        _charts["distribution"] = Chart.Bars(["5", "4", "3", "2", text["web.dashboard.notAttested"]],
            [new Series(text["web.dashboard.termMarks"], [f.TermMarks5, f.TermMarks4, f.TermMarks3, f.TermMarks2, f.NotAttested])]);
        // Absences and lateness by code: the seats attended on time would dwarf them, so they are the caption's, not a bar.
        _charts["attendance"] = Chart.Bars([.. Enum.GetNames<AbsenceCode>().Select(c => text[$"web.attendance.{c}"])],
            [new Series(text["web.dashboard.seats"], [f.AbsentUnexcused, f.AbsentExcused, f.AbsentSick, f.Late])], horizontal: true);
        // Subjects in the selected term, and terms for the selected subject: success rate and knowledge quality.
        var bySubject = view.Cells.Where(c => c.Term == key.Term && c.SubjectId != SummaryKey.AllSubjects)
            .OrderBy(c => subjectNames.GetValueOrDefault(c.SubjectId, c.SubjectId), StringComparer.Create(text.Culture, false)).ToList();
        _charts["subjects"] = Compared(bySubject.Select(c => subjectNames.GetValueOrDefault(c.SubjectId, c.SubjectId)).ToList(), bySubject) with { Horizontal = true };
        var byTerm = view.Cells.Where(c => c.SubjectId == key.SubjectId && c.Term != SummaryKey.Year).OrderBy(c => c.Term).ToList();
        _charts["terms"] = Compared(byTerm.Select(c => text.Format("web.dashboard.termN", c.Term.ToString(text.Culture))).ToList(), byTerm);
    }

    /// <summary>The data block's text: System.Text.Json escapes '&lt;', so nothing in it can close the script element.</summary>
    public string Json => JsonSerializer.Serialize(_charts.ToDictionary(c => c.Key, c => c.Value.ToJson()));

    /// <summary>The chart in words: each label with its values.</summary>
    public string Describe(string chart)
    {
        var c = _charts[chart];
        if (c.Labels.Count == 0)
        {
            return _text["web.dashboard.chart.empty"];
        }
        return string.Join("; ", c.Labels.Select((label, i) =>
            $"{label}: {string.Join(", ", c.Series.Select(s => s.Values[i] is { } v ? (c.Percent ? _text.Percent(v) : _text.Number((long)v)) : WebText.Missing))}"));
    }

    private Chart Compared(IReadOnlyList<string> labels, IReadOnlyList<DashboardCell> cells) => new("bar", labels,
    [
        new Series(_text["web.figures.successRate"], cells.Select(c => c.Rates.SuccessRate).ToList()),
        new Series(_text["web.figures.knowledgeQuality"], cells.Select(c => c.Rates.KnowledgeQuality).ToList()),
    ], Percent: true);

    private sealed record Series(string Name, IReadOnlyList<decimal?> Values)
    {
        public Series(string name, IEnumerable<long> values) : this(name, values.Select(v => (decimal?)v).ToList())
        {
        }
    }

    private sealed record Chart(string Kind, IReadOnlyList<string> Labels, IReadOnlyList<Series> Series, bool Percent = false, bool Horizontal = false)
    {
        public static Chart Bars(IReadOnlyList<string> labels, IReadOnlyList<Series> series, bool horizontal = false) =>
            new("bar", labels, series, Horizontal: horizontal);

        public object ToJson() => new
        {
            kind = Kind,
            percent = Percent,
            horizontal = Horizontal,
            labels = Labels,
            series = Series.Select(s => new { name = s.Name, values = s.Values }),
        };
    }
}
