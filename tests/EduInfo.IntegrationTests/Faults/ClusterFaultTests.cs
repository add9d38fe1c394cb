using System.Diagnostics;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// Issue #6, faults on real processes: two silo processes and the Api on a PostgreSQL server of the test's own, under
/// write load from concurrent clients. One silo is killed with SIGKILL mid-load and restarted; later PostgreSQL is
/// restarted. Every acknowledged entry must be in the journal exactly once, writes must resume, and the summaries must
/// re-converge to the journal's recomputation within <see cref="ConvergenceBound"/>.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A membership round: the time for the survivors to declare a killed silo dead (docs/operations-faults.md).</summary>
    private static readonly TimeSpan MembershipRoundBound = TimeSpan.FromMinutes(2);

    /// <summary>After the load stops, the time for every summary to equal the recomputation from the journal.</summary>
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(120);

    /// <summary>After a fault, the time for writes to be acknowledged again.</summary>
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(90);

    /// <summary>Writers posting flat out, each waiting up to 35 s for an answer (<see cref="JournalLoad"/>).</summary>
    private const int Clients = 8;

    /// <summary>Parents reading diaries meanwhile, so student grains are loaded and live when the silo dies.</summary>
    private const int DiaryReadersCount = 2;

    /// <summary>
    /// After a silo is killed, the longest time without any acknowledgement may exceed the time the survivors take to
    /// declare it dead by at most this: writes to grains on the survivors never stop, and writes to the dead silo's
    /// grains resume once their activations move. What it guards is that Orleans' 30 s response timeout never shows
    /// through, not a speed (measured gaps are reported in the output and in docs/operations-faults.md), so it is wide
    /// enough for a loaded 2-core machine.
    /// </summary>
    private static readonly TimeSpan KillGapOverDetection = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The same for one writer: its next request after the detection may be the one that re-activates its class on the
    /// survivor, rebuilt from the journal under the load, after a resend's backoff (seen: detection + 1.1 s, and + 2.2 s on a run
    /// of this test alone). Still far from the 30 s response timeout it guards against.
    /// </summary>
    private static readonly TimeSpan KillWriterGapOverDetection = TimeSpan.FromSeconds(10);

    /// <summary>A PostgreSQL restart stops every write while the server is down; they resume within this once it is back.</summary>
    private static readonly TimeSpan DatabaseGapOverDowntime = TimeSpan.FromSeconds(5);

    /// <summary>How long the load runs on the survivor after a kill: long enough that a 30 s stall could not hide.</summary>
    private static readonly TimeSpan WatchAfterKill = TimeSpan.FromSeconds(35);


    /// <summary>Npgsql's messages for answers that do not fit the command being read: a connection out of step with its server.</summary>
    private static readonly string[] ProtocolDesyncMarkers =
        ["Internal Npgsql bug", "differs from the row description", "Received backend message", "Received unexpected backend message"];

    private PrivatePostgres _postgres = null!;
    private ClusterApiHost _cluster = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _cluster = new ClusterApiHost(_postgres.AdminConnectionString, FaultTuning.FastMembershipAndReconciliation);
        await _cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _cluster.DisposeAsync();
        }
        finally
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_silo_and_a_database_restart_lose_no_acknowledged_entry_and_summaries_reconverge()
    {
        var clock = Stopwatch.StartNew();
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        using var load = new JournalLoad(_cluster.Http.BaseAddress!, _cluster.Registry.Teachings(), days, seed: 6);
        using var diaries = new DiaryReaders(_cluster.Http.BaseAddress!, _cluster.Registry.Teachings(), seed: 7);
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(load.RunAsync(Clients, stop.Token), diaries.RunAsync(DiaryReadersCount, stop.Token));

        await AcknowledgedAtLeastAsync(load, 200, "load before the faults");
        var killedAt = load.Elapsed;
        _cluster.KillSilo(1);
        await Eventually.MatchesAsync(_cluster.ActiveSilosAsync, active => active == 1, MembershipRoundBound, "the killed silo declared dead");
        var declaredDead = load.Elapsed - killedAt;
        if (killedAt + WatchAfterKill - load.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }
        var killGap = load.LongestGap(killedAt, load.Elapsed);
        var killWriterGap = load.LongestWriterGap(killedAt, load.Elapsed);
        await _cluster.RestartSiloAsync(1);
        await Eventually.MatchesAsync(_cluster.ActiveSilosAsync, active => active == 2, TimeSpan.FromSeconds(60), "the restarted silo active");
        await AcknowledgedAtLeastAsync(load, load.AcknowledgedCount + 200, "writes after the silo restart");

        var restartedAt = load.Elapsed;
        await _postgres.RestartAsync();
        var downtime = load.Elapsed - restartedAt;
        _cluster.Db.DataSource.Clear(); // the test's own pooled connections died with the server
        await AcknowledgedAtLeastAsync(load, load.AcknowledgedCount + 200, "writes after the PostgreSQL restart");
        var resumed = load.Elapsed - restartedAt;
        var databaseGap = load.LongestGap(restartedAt, load.Elapsed);

        stop.Cancel();
        await running;
        // Losing the database for a moment does not cost a silo its membership.
        Assert.Equal(2, await _cluster.ActiveSilosAsync());
        Assert.True(load.Refusals.IsEmpty, "refused: " + string.Join("\n", load.Refusals.Take(5)));
        Assert.Equal(0, load.GaveUp);
        // During the faults the Api answers 503 with Retry-After and the problem "unavailable" (or "overloaded" while writes
        // queue behind the restarting database), or the request times out or cannot connect; never a bare 500.
        Assert.All(load.Failures.Keys, kind => Assert.Contains(kind, new[] { "503", "503 overloaded", "timeout", "connection" }));

        // Writes resume: a fresh batch after the load is acknowledged.
        var after = load.NextRequest();
        Assert.True(await load.SendUntilAcknowledgedAsync(after));

        var ledger = await AckLedgerCheck.JournalRowsByEntryIdAsync(_cluster.Db.DataSource);
        var check = AckLedgerCheck.Compare(load.Acknowledged, ledger);
        Assert.True(check.None, check.ToString());

        var converging = Stopwatch.StartNew();
        await _cluster.SummariesEqualTheJournalAsync(ConvergenceBound);
        output.WriteLine($"acknowledged {load.AcknowledgedCount} entries ({ledger.Count} journal rows, {load.Corrections} corrections); failed attempts retried: " +
            $"{string.Join(", ", load.Failures.Select(f => $"{f.Key}×{f.Value}"))}; killed silo declared dead after {declaredDead.TotalSeconds:F1} s; " +
            $"longest time without an acknowledgement {killGap.TotalSeconds:F1} s after the kill, for one writer {killWriterGap.TotalSeconds:F1} s; PostgreSQL down {downtime.TotalSeconds:F1} s, " +
            $"longest time without an acknowledgement {databaseGap.TotalSeconds:F1} s around it; " +
            $"writes acknowledged again {resumed.TotalSeconds:F1} s after the PostgreSQL restart began; summaries converged {converging.Elapsed.TotalSeconds:F1} s " +
            $"after the load stopped; whole test {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(killGap <= declaredDead + KillGapOverDetection,
            $"no acknowledgement for {killGap.TotalSeconds:F1} s after a silo was killed; it was declared dead after {declaredDead.TotalSeconds:F1} s; " +
            $"attempts after the kill: {load.DescribeAttempts(killedAt, killedAt + WatchAfterKill)}; {DesyncSummary()}");
        Assert.True(killWriterGap <= declaredDead + KillWriterGapOverDetection,
            $"a writer went {killWriterGap.TotalSeconds:F1} s without an acknowledgement after a silo was killed; it was declared dead after {declaredDead.TotalSeconds:F1} s; " +
            $"attempts after the kill: {load.DescribeAttempts(killedAt, killedAt + WatchAfterKill)}; {DesyncSummary()}");
        Assert.True(databaseGap <= downtime + DatabaseGapOverDowntime,
            $"no acknowledgement for {databaseGap.TotalSeconds:F1} s around a PostgreSQL restart that took {downtime.TotalSeconds:F1} s");

        // Every diary read during the faults counts what the journal holds for that student, subject by subject.
        var diaryMismatches = await DiariesDisagreeingWithTheJournalAsync(diaries.Loaded);
        output.WriteLine($"diaries: {diaries.Reads} reads of {diaries.Loaded.Count} students; checked against the journal after the load");
        Assert.True(diaries.Loaded.Count > 0, "no diary was read during the load");
        Assert.True(load.Corrections > 0, "no correction was acknowledged during the load");
        Assert.True(diaryMismatches.Count == 0, string.Join("\n", diaryMismatches.Take(10)));

        // Last, so it also sees what the checks above made the processes do: a connection returned to its pool out of
        // step with its server hands the next user someone else's answers (Npgsql's own "please file a bug" errors) and
        // stalls the grains that draw it — never, whatever the faults.
        var desyncs = _cluster.LogLinesContaining(ProtocolDesyncMarkers);
        Assert.True(desyncs.Count == 0, $"{desyncs.Count} log lines of a desynchronised database connection:\n{string.Join("\n", desyncs.Take(5))}");

        // Negative control: the same checker, after one acknowledged row is removed behind the system's back.
        var victim = load.Acknowledged.First();
        await _cluster.Db.ExecuteAsync("DELETE FROM journal WHERE entry_id = @id", ("id", victim));
        var tampered = AckLedgerCheck.Compare(load.Acknowledged, await AckLedgerCheck.JournalRowsByEntryIdAsync(_cluster.Db.DataSource));
        Assert.Equal([victim], tampered.Lost);
        Assert.Empty(tampered.Duplicated);
    }

    /// <summary>For a failure message: the desync log lines so far, which a stall may come from.</summary>
    private string DesyncSummary()
    {
        var lines = _cluster.LogLinesContaining(ProtocolDesyncMarkers);
        return $"{lines.Count} log lines of a desynchronised database connection" + (lines.Count == 0 ? "" : ":\n" + string.Join("\n", lines.Take(3)));
    }

    /// <summary>Each loaded student's diary against a count of the journal's rows in force (marks of the student, roll-calls that listed them).</summary>
    private async Task<List<string>> DiariesDisagreeingWithTheJournalAsync(IReadOnlyDictionary<string, string> students)
    {
        var mismatches = new List<string>();
        foreach (var (student, actor) in students)
        {
            var expected = new Dictionary<string, (long Marks, long Lessons)>(StringComparer.Ordinal);
            await using (var command = _cluster.Db.DataSource.CreateCommand("""
                SELECT subject_id, count(*) FILTER (WHERE entry_kind = 'mark' AND student_id = @s),
                       count(*) FILTER (WHERE entry_kind = 'lesson' AND @s = ANY (roster))
                FROM journal j
                WHERE (student_id = @s OR @s = ANY (roster)) AND entry_kind IN ('mark', 'lesson')
                  AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.supersedes = j.seq) -- rows in force: neither replaced nor voided
                GROUP BY subject_id
                """))
            {
                command.Parameters.AddWithValue("s", student);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    expected[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
                }
            }
            var diary = await _cluster.Http.GetJsonAsync($"/api/v1/students/{student}/diary", actor);
            Assert.Equal(200, diary.Status);
            var shown = diary.Body.GetProperty("subjects").EnumerateArray()
                .ToDictionary(s => s.GetProperty("subjectId").GetString()!, s => (s.GetProperty("marks").GetInt64(), s.GetProperty("lessons").GetInt64()));
            var listed = diary.Body.GetProperty("marks").EnumerateArray().GroupBy(m => m.GetProperty("subjectId").GetString()!)
                .ToDictionary(g => g.Key, g => (long)g.Count());
            foreach (var subject in expected.Keys.Union(shown.Keys))
            {
                var (marks, lessons) = expected.GetValueOrDefault(subject);
                var figures = shown.GetValueOrDefault(subject);
                if (figures != (marks, lessons) || listed.GetValueOrDefault(subject) != marks)
                {
                    mismatches.Add($"{student} {subject}: journal {marks} marks, {lessons} lessons; diary counts {figures.Item1} marks, " +
                        $"{figures.Item2} lessons and lists {listed.GetValueOrDefault(subject)} marks");
                }
            }
        }
        return mismatches;
    }

    private static Task AcknowledgedAtLeastAsync(JournalLoad load, int entries, string what) =>
        Eventually.MatchesAsync(() => Task.FromResult(load.AcknowledgedCount), n => n >= entries, ResumeBound, what);
}
