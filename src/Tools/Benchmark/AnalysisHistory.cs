using System.Diagnostics;
using EduInfo.Domain.Metrics;
using EduInfo.Storage.Trends;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The daily-trend history of the benchmark's past term, which no cluster lived through: each day of the journal's
/// history captured through <see cref="DailyFiguresStore"/> as the end-of-day capture would have kept it — every
/// organization and area, the year's and the term's cells over all subjects and per subject — with the journal-derived
/// figures (marks, formative sums, lessons, seats by code) summed up to that day. Headcounts, term results and scheduled
/// lessons stay zero: the reads measured here do not depend on which fields a cell holds, only on how many cells and days.
/// The history's journal has no corrections, so every row is in force.
/// </summary>
public static class AnalysisHistory
{
    private const string DailySums = """
        SELECT c.organization_id, j.lesson_date, j.subject_id, t.term,
               count(*) FILTER (WHERE j.entry_kind = 'mark'),
               count(*) FILTER (WHERE j.mark_kind = 'formative'),
               coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'formative'), 0),
               coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'formative'), 0),
               count(*) FILTER (WHERE j.entry_kind = 'lesson'),
               coalesce(sum(cardinality(j.roster)) FILTER (WHERE j.entry_kind = 'lesson'), 0),
               coalesce(sum(cardinality(array_positions(j.absent_codes, 'late'))), 0),
               coalesce(sum(cardinality(array_positions(j.absent_codes, 'unexcused'))), 0),
               coalesce(sum(cardinality(array_positions(j.absent_codes, 'excused'))), 0),
               coalesce(sum(cardinality(array_positions(j.absent_codes, 'sick'))), 0)
        FROM journal j
        JOIN classes c ON c.id = j.class_id
        JOIN organizations o ON o.id = c.organization_id
        JOIN academic_terms t ON t.academic_year = c.academic_year AND t.org_kind = o.kind AND j.lesson_date BETWEEN t.starts_on AND t.ends_on
        WHERE j.entry_kind IN ('mark', 'lesson')
        GROUP BY 1, 2, 3, 4
        ORDER BY 2
        """;

    /// <summary>Captures every day of the journal's history unless one of them is captured already. Returns the days and the rows kept.</summary>
    public static async Task<(int Days, long Rows, long Bytes)> CaptureAsync(NpgsqlDataSource dataSource, TextWriter log, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var store = new DailyFiguresStore(dataSource);
        await using (var captured = dataSource.CreateCommand("SELECT count(*) FROM day_captures WHERE day <= (SELECT max(lesson_date) FROM journal)"))
        if ((long)(await captured.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            var ancestors = await AncestorsAsync(dataSource, cancellationToken);
            var days = await DaysAsync(dataSource, cancellationToken);
            var cumulative = ancestors.Keys.Concat(ancestors.Values.SelectMany(a => a)).Distinct()
                .ToDictionary(n => n, _ => new Dictionary<SummaryKey, SummaryFigures>(), StringComparer.Ordinal);
            foreach (var (day, sums) in days)
            {
                foreach (var (organization, key, figures) in sums)
                {
                    foreach (var node in ancestors[organization].Append(organization))
                    {
                        var cells = cumulative[node];
                        cells[key] = cells.TryGetValue(key, out var held) ? held + figures : figures;
                    }
                }
                var nodes = cumulative.Select(n => new CapturedNode(n.Key, new Dictionary<SummaryKey, SummaryFigures>(n.Value))).ToList();
                await store.CaptureAsync(day, [], Once(nodes), cancellationToken);
            }
        }
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM day_captures), count(*), coalesce(sum(pg_column_size(cells)), 0) FROM daily_figures");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var result = ((int)reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        log.WriteLine($"trend history: {result.Item1} days, {result.Item2:N0} node-days kept, {result.Item3 / 1048576.0:F1} MB of cells ({stopwatch.Elapsed.TotalSeconds:F0} s)");
        return result;
    }

    /// <summary>Each organization's areas (its path, the republic first).</summary>
    private static async Task<Dictionary<string, string[]>> AncestorsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, path FROM organizations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ancestors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            ancestors[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        }
        return ancestors;
    }

    /// <summary>Per school day, each organization's contributions to its four cells: the year and the term, all subjects and the subject.</summary>
    private static async Task<List<(DateOnly Day, List<(string Organization, SummaryKey Key, SummaryFigures Figures)> Sums)>> DaysAsync(
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DailySums);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<(DateOnly, List<(string, SummaryKey, SummaryFigures)>)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = reader.GetFieldValue<DateOnly>(1);
            if (days.Count == 0 || days[^1].Item1 != day)
            {
                days.Add((day, []));
            }
            var (seats, late, unexcused, excused, sick) = (reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13));
            var attended = seats - unexcused - excused - sick;
            var figures = SummaryFigures.Zero with
            {
                Marks = reader.GetInt64(4), FormativeMarks = reader.GetInt64(5), FormativeScoreSum = reader.GetInt64(6), FormativeMaxSum = reader.GetInt64(7),
                LessonsHeld = reader.GetInt64(8), SeatsHeld = seats, Attended = attended, Late = late,
                AbsentUnexcused = unexcused, AbsentExcused = excused, AbsentSick = sick, SchoolSeatsHeld = seats, SchoolAttended = attended,
            };
            var (organization, subject, term) = (reader.GetString(0), reader.GetString(2), (int)reader.GetInt16(3));
            foreach (var key in new[] { SummaryKey.Total, new SummaryKey(SummaryKey.Year, subject), new SummaryKey(term, SummaryKey.AllSubjects), new SummaryKey(term, subject) })
            {
                days[^1].Item2.Add((organization, key, figures));
            }
        }
        return days;
    }

    private static async IAsyncEnumerable<IReadOnlyList<CapturedNode>> Once(IReadOnlyList<CapturedNode> nodes)
    {
        await Task.Yield();
        yield return nodes;
    }
}
