using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The analysis layer's reads of the republic (issue 19, docs/benchmarks.md#analysis) against the SQL that answers the
/// same question from the journal, on an idle system: the sex and grade breakdowns of the year against a GROUP BY of
/// the journal's seats and marks, and the daily attendance trend against a per-day GROUP BY with running sums. Each
/// answer is checked against its SQL first (the same seats, attendance and marks), then timed: EduInfo over HTTP with
/// authentication, the SQL as one statement on a pooled connection.
/// </summary>
public sealed class AnalysisBenchmark(NpgsqlDataSource dataSource, Uri system, TextWriter log)
{
    public sealed record Options(int Reads, int BaselineRuns);

    public sealed record Measure(string Name, IReadOnlyList<double> OursMs, IReadOnlyList<double> SqlMs)
    {
        public static double Percentile(IReadOnlyList<double> values, double p) =>
            values.Order().ElementAt(Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {Percentile(OursMs, 0.5):F2} / {Percentile(OursMs, 0.99):F2} ms | {Percentile(SqlMs, 0.5):N0} ms | {Percentile(SqlMs, 0.5) / Percentile(OursMs, 0.5):N0}× | {Percentile(SqlMs, 0.5) / Percentile(OursMs, 0.99):N0}× |");
    }

    private const string SexSql = """
        SELECT CASE WHEN substr(s.iin, 7, 1)::int % 2 = 1 THEN 'male' ELSE 'female' END, count(*),
               count(*) FILTER (WHERE a.code IS NULL OR a.code = 'late')
        FROM journal j
        JOIN classes c ON c.id = j.class_id
        CROSS JOIN LATERAL unnest(j.roster) x (student_id)
        LEFT JOIN LATERAL (SELECT y.code FROM unnest(j.absent_ids, j.absent_codes) y (student_id, code) WHERE y.student_id = x.student_id LIMIT 1) a ON true
        JOIN students s ON s.id = x.student_id
        WHERE j.entry_kind = 'lesson' AND 'KZ' = ANY (c.path)
        GROUP BY 1
        """;

    private const string GradeSql = """
        SELECT c.grade::text, count(*) FILTER (WHERE j.entry_kind = 'mark'),
               coalesce(sum(cardinality(j.roster)) FILTER (WHERE j.entry_kind = 'lesson'), 0)
        FROM journal j JOIN classes c ON c.id = j.class_id
        WHERE j.entry_kind IN ('mark', 'lesson') AND 'KZ' = ANY (c.path)
        GROUP BY 1
        """;

    private const string TrendSql = """
        SELECT day::text, round(100.0 * sum(attended) OVER w / sum(seats) OVER w, 2), 0
        FROM (SELECT j.lesson_date AS day, sum(cardinality(j.roster)) AS seats,
                     sum(cardinality(j.roster)) - sum(cardinality(j.absent_ids)) + sum(cardinality(array_positions(j.absent_codes, 'late'))) AS attended
              FROM journal j JOIN classes c ON c.id = j.class_id
              WHERE j.entry_kind = 'lesson' AND 'KZ' = ANY (c.path)
              GROUP BY 1) d
        WINDOW w AS (ORDER BY day)
        """;

    public async Task<IReadOnlyList<Measure>> RunAsync(Options options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = system, Timeout = TimeSpan.FromMinutes(5) };
        var token = await FreshnessProbe.LoginAsync(http, "analyst", "demo-analyst", cancellationToken);
        var warm = Stopwatch.StartNew();
        await TermEndBenchmark.ConvergedAsync(dataSource, http, token, TimeSpan.FromMinutes(30), log, cancellationToken);
        log.WriteLine($"warm-up: the republic's summary covers every class watermark after {warm.Elapsed.TotalSeconds:F0} s");
        await AnalysisHistory.CaptureAsync(dataSource, log, cancellationToken);

        var reads = new (string Name, string Path, string Sql, Func<JsonElement, Dictionary<string, (decimal, decimal)>> Answer)[]
        {
            ("breakdown by sex, year", "/api/v1/nodes/KZ/breakdowns?dimension=sex", SexSql, b => Slices(b, "seatsHeld", "attended")),
            ("breakdown by grade, year", "/api/v1/nodes/KZ/breakdowns?dimension=grade", GradeSql, b => Slices(b, "marks", "seatsHeld")),
            ("daily attendance trend, year", "/api/v1/nodes/KZ/trends?metric=attendance", TrendSql, Points),
        };
        var measures = new List<Measure>();
        foreach (var (name, path, sql, answer) in reads)
        {
            var ours = await TimedReadAsync(http, token, path, cancellationToken);
            var sqlAnswer = await SqlAsync(sql, cancellationToken);
            var mismatches = sqlAnswer.Keys.Union(ours.Body is { } b ? answer(b).Keys : []).Where(k => answer(ours.Body!.Value).GetValueOrDefault(k) != sqlAnswer.GetValueOrDefault(k)).ToList();
            if (mismatches.Count > 0)
            {
                throw new InvalidOperationException($"{name}: EduInfo and the SQL differ at {string.Join(", ", mismatches.Take(5))}");
            }
            log.WriteLine($"{name}: {sqlAnswer.Count} values equal to the SQL's");
            var oursMs = new List<double>();
            for (var i = 0; i < 10 + options.Reads; i++)
            {
                var read = await TimedReadAsync(http, token, path, cancellationToken);
                if (i >= 10)
                {
                    oursMs.Add(read.Ms);
                }
            }
            var sqlMs = new List<double>();
            for (var i = 0; i < options.BaselineRuns; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await SqlAsync(sql, cancellationToken);
                sqlMs.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            measures.Add(new Measure(name, oursMs, sqlMs));
            log.WriteLine(measures[^1]);
        }
        return measures;
    }

    public static string Report(IReadOnlyList<Measure> measures, long rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"analysis reads of the republic over {rows:N0} journal rows (idle system; EduInfo over HTTP, the SQL on one connection)");
        text.AppendLine("| read | EduInfo p50 / p99 | equivalent SQL p50 | ratio at p50 | SQL p50 ÷ EduInfo p99 |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var measure in measures)
        {
            text.AppendLine(measure.ToString());
        }
        return text.ToString();
    }

    private static Dictionary<string, (decimal, decimal)> Slices(JsonElement body, string first, string second) =>
        body.GetProperty("slices").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!,
            s => (s.GetProperty("figures").GetProperty(first).GetDecimal(), s.GetProperty("figures").GetProperty(second).GetDecimal()));

    /// <summary>The trend's captured days with a value (the SQL has a row per day with lessons).</summary>
    private static Dictionary<string, (decimal, decimal)> Points(JsonElement body) =>
        body.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(p => p.GetProperty("date").GetString()!, p => (p.GetProperty("value").GetDecimal(), 0m));

    private static async Task<(double Ms, JsonElement? Body)> TimedReadAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var body = await TermEndBenchmark.GetJsonAsync(http, token, path, cancellationToken) ?? throw new InvalidOperationException($"{path} was refused");
        return (stopwatch.Elapsed.TotalMilliseconds, body);
    }

    private async Task<Dictionary<string, (decimal, decimal)>> SqlAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = (Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture));
        }
        return rows;
    }
}
