using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The opening minute (bench/opening-minute.sh, issue 22 item 8): the first-grade window opens and a whole city applies
/// at once. Parents of the registry name children born six years ago (not measured); a baseline minute runs the rest of
/// the system alone (journal clients, dashboards); then the same load runs while the operator opens the window and
/// every filing is sent at once by many clients, each refused one resent after its Retry-After with the same id. Each
/// attempt must be a 201 or a 503 with Retry-After; afterwards the desk must hold every acknowledged filing exactly once,
/// in an honest receipt order (<see cref="OpeningMinuteCheck"/>), and the journal and dashboards are compared with the
/// baseline minute.
/// </summary>
public sealed class OpeningMinuteBenchmark(NpgsqlDataSource dataSource, Uri eduInfo, IKazakhstanClock clock, TextWriter log)
{
    public sealed record Options(int Applications, int Clients, TimeSpan Minute, int JournalClients, int Pollers, int Teachers);

    private sealed record Filing(Guid Id, string ParentId, Guid LinkId, string SchoolId);

    private sealed record Attempt(double SentAt, double AnsweredAt, int Status, string? RetryAfter);

    public async Task<string> RunAsync(Options options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 1024 };
        using var http = new HttpClient(handler) { BaseAddress = eduInfo, Timeout = TimeSpan.FromSeconds(60) };
        var today = clock.Today;
        var year = AcademicCalendar.YearOf(today);
        var teachings = await TeachingCatalog.LoadAsync(dataSource, options.Teachers, seed: 11, cancellationToken);
        var days = await TermEndBenchmark.TermDaysAsync(dataSource, year, today, cancellationToken);
        var dashboards = await DashboardNodes.LoadAsync(dataSource, cancellationToken);
        var analyst = await FreshnessProbe.LoginAsync(http, "analyst", "demo-analyst", cancellationToken);
        await TermEndBenchmark.ConvergedAsync(dataSource, http, analyst, TimeSpan.FromMinutes(30), log, cancellationToken);
        var client = new JournalClient(http);
        await client.SignInAllAsync(teachings.Select(t => t.TeacherId), cancellationToken);

        // The window closed (it opens a day after tomorrow), then the city's children named: not measured.
        await SetWindowAsync(http, today.AddDays(2), today.AddDays(2), cancellationToken);
        var filings = await NameChildrenAsync(http, options.Applications, today, cancellationToken);
        var early = await FileAsync(http, filings[0], Stopwatch.StartNew(), cancellationToken);
        if (early.Status != 400)
        {
            throw new InvalidOperationException($"A filing before the window opened answered {early.Status}, not 400.");
        }

        log.WriteLine($"baseline: {options.JournalClients} journal clients and {options.Pollers} dashboards for {options.Minute.TotalSeconds:F0} s");
        var load = new MixedLoad(http, teachings, days, dashboards, "/health/live");
        var baseline = await load.RunAsync(client, analyst, options.JournalClients, options.Pollers, options.Minute, cancellationToken);

        log.WriteLine($"opening: the same load, and {filings.Count:N0} filings from {options.Clients} clients as the window opens");
        var alongside = load.RunAsync(client, analyst, options.JournalClients, options.Pollers, options.Minute, cancellationToken);
        await SetWindowAsync(http, today, new DateOnly(today.Year, 12, 31), cancellationToken);
        var clockOfTheMinute = Stopwatch.StartNew();
        var (attempts, acked) = await ApplyAllAsync(http, filings, options.Clients, clockOfTheMinute, cancellationToken);
        var allTaken = clockOfTheMinute.Elapsed;
        var opening = await alongside;

        var rows = await RowsAsync(filings.Select(f => f.Id).ToArray(), cancellationToken);
        var check = OpeningMinuteCheck.Compare(acked.Values.ToList(), rows);
        return Report(options, filings.Count, attempts, acked, allTaken, check, baseline, opening);
    }

    /// <summary>Parents of the registry, each naming as many children born six years ago as it takes, at schools in turn.</summary>
    private async Task<IReadOnlyList<Filing>> NameChildrenAsync(HttpClient http, int count, DateOnly today, CancellationToken cancellationToken)
    {
        var parents = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT DISTINCT parent_id FROM student_parents ORDER BY parent_id LIMIT @n"))
        {
            command.Parameters.AddWithValue("n", count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                parents.Add(reader.GetString(0));
            }
        }
        var schools = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT id FROM organizations WHERE kind = 'school' ORDER BY id LIMIT 200"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                schools.Add(reader.GetString(0));
            }
        }
        var iins = Iins(new DateOnly(today.Year - 6, 1, 1), count);
        var named = new ConcurrentBag<Filing>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (parent, iin, birth) = (parents[i % parents.Count], iins[i].Iin, iins[i].Birth);
                using var request = Request(HttpMethod.Post, "/api/v1/me/children", parent, new
                {
                    iin, lastName = "Бенчмарк", firstName = "Бала", birthDate = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    birthCertificate = $"I-АЛ {1000000 + i}",
                });
                using var response = await http.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"Naming a child answered {(int)response.StatusCode}: {body}");
                }
                using var json = JsonDocument.Parse(body);
                named.Add(new Filing(Guid.NewGuid(), parent, json.RootElement.GetProperty("id").GetGuid(), schools[i % schools.Count]));
            });
        log.WriteLine($"setup: {named.Count:N0} children named by {Math.Min(parents.Count, count):N0} parents in {watch.Elapsed.TotalSeconds:F0} s, at {schools.Count} schools");
        return [.. named.OrderBy(f => f.Id)];
    }

    /// <summary>Valid IINs of children born on the days from <paramref name="first"/>, distinct.</summary>
    private static IReadOnlyList<(string Iin, DateOnly Birth)> Iins(DateOnly first, int count)
    {
        var iins = new List<(string, DateOnly)>(count);
        for (var n = 0; iins.Count < count; n++)
        {
            var birth = first.AddDays(n / 9000 % 365);
            var first11 = $"{birth:yyMMdd}5{n % 9000 + 1000:D4}"[..11];
            if (Iin.CheckDigit(first11) is { } check)
            {
                iins.Add((first11 + check, birth));
            }
        }
        return iins;
    }

    /// <summary>
    /// Every filing sent by <paramref name="clients"/> clients at once; a 503 is resent with the same id after its
    /// Retry-After; anything else than 201, 503 or a timeout is counted and not resent.
    /// </summary>
    private async Task<(ConcurrentBag<Attempt> Attempts, ConcurrentDictionary<Guid, OpeningMinuteCheck.Acked> Acked)> ApplyAllAsync(
        HttpClient http, IReadOnlyList<Filing> filings, int clients, Stopwatch watch, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentQueue<(Filing Filing, double NotBefore)>(filings.Select(f => (f, 0d)));
        var attempts = new ConcurrentBag<Attempt>();
        var acked = new ConcurrentDictionary<Guid, OpeningMinuteCheck.Acked>();
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < filings.Count && watch.Elapsed < TimeSpan.FromMinutes(10))
            {
                if (!pending.TryDequeue(out var next))
                {
                    await Task.Delay(20, cancellationToken);
                    continue;
                }
                if (next.NotBefore > watch.Elapsed.TotalMilliseconds)
                {
                    pending.Enqueue(next);
                    await Task.Delay(5, cancellationToken);
                    continue;
                }
                var attempt = await FileAsync(http, next.Filing, watch, cancellationToken);
                attempts.Add(attempt);
                if (attempt.Status == 201)
                {
                    acked[next.Filing.Id] = new OpeningMinuteCheck.Acked(next.Filing.Id, attempt.SentAt, attempt.AnsweredAt);
                    Interlocked.Increment(ref done);
                }
                else if (attempt.Status is 503 or 0)
                {
                    var wait = int.TryParse(attempt.RetryAfter, out var seconds) ? seconds * 1000d : 1000d;
                    pending.Enqueue((next.Filing, attempt.AnsweredAt + wait));
                }
                else
                {
                    Interlocked.Increment(ref done);
                }
            }
        }, cancellationToken)));
        return (attempts, acked);
    }

    private static async Task<Attempt> FileAsync(HttpClient http, Filing filing, Stopwatch watch, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/applications", filing.ParentId, new
        {
            applicationId = filing.Id, service = "firstGradeAdmission", childLinkId = filing.LinkId, officeId = filing.SchoolId,
            documents = new[] { "birthCertificate", "healthForm065", "healthForm026", "photos" },
        });
        var sent = watch.Elapsed.TotalMilliseconds;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new Attempt(sent, watch.Elapsed.TotalMilliseconds, (int)response.StatusCode,
                response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Attempt(sent, watch.Elapsed.TotalMilliseconds, 0, null);
        }
    }

    private async Task SetWindowAsync(HttpClient http, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "/api/v1/policies/services/firstGradeAdmission", null,
            new { windowFrom = from.ToString("MM-dd", CultureInfo.InvariantCulture), windowTo = to.ToString("MM-dd", CultureInfo.InvariantCulture) });
        request.Headers.Remove(ActorHeader);
        request.Headers.Add(ActorHeader, "user=bench-operator; roles=operator@KZ");
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 204)
        {
            throw new InvalidOperationException($"Setting the window answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private const string ActorHeader = "X-Dev-Actor";

    /// <summary>A request as a parent (the development header: the Api of this benchmark runs with it on).</summary>
    private static HttpRequestMessage Request(HttpMethod method, string path, string? parentId, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (parentId is not null)
        {
            request.Headers.Add(ActorHeader, $"user=parent-{parentId}; person={parentId}; roles=parent@{parentId}");
        }
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("kk"));
        return request;
    }

    private async Task<IReadOnlyList<OpeningMinuteCheck.Row>> RowsAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, receipt_seq FROM service_applications WHERE id = ANY (@ids)");
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OpeningMinuteCheck.Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OpeningMinuteCheck.Row(reader.GetGuid(0), reader.GetInt64(1)));
        }
        return rows;
    }

    private static string Report(Options options, int filings, ConcurrentBag<Attempt> attempts, ConcurrentDictionary<Guid, OpeningMinuteCheck.Acked> acked,
        TimeSpan allTaken, OpeningMinuteCheck.Result check, MixedLoad.Result baseline, MixedLoad.Result opening)
    {
        var minute = options.Minute.TotalMilliseconds;
        var inMinute = attempts.Where(a => a.SentAt <= minute).ToList();
        double[] Latencies(IEnumerable<Attempt> of) => [.. of.Select(a => a.AnsweredAt - a.SentAt).Order()];
        string P(double[] sorted) => sorted.Length == 0 ? "—"
            : $"p50 {FreshnessProbe.Percentile(sorted, 0.5):F0} ms, p99 {FreshnessProbe.Percentile(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms";
        var taken = Latencies(inMinute.Where(a => a.Status == 201));
        var refused = Latencies(inMinute.Where(a => a.Status == 503));
        var other = attempts.Where(a => a.Status is not (201 or 503)).GroupBy(a => a.Status).Select(g => $"{g.Key}×{g.Count()}").ToList();
        string Load(MixedLoad.Result r) =>
            $"{r.AckedRows / r.Elapsed.TotalSeconds:F0} journal rows/s acknowledged (write p95 {FreshnessProbe.Percentile(r.Latency, 0.95):F0} ms, {r.Failures} failed, {r.Shed} shed); " +
            $"dashboards p95 {FreshnessProbe.Percentile(r.Dashboards.Latency["all"], 0.95):F0} ms over {r.Dashboards.Reads:N0} reads ({r.Dashboards.Failures} failed)";
        var report = new StringBuilder();
        report.AppendLine($"opening minute: {filings:N0} first-grade filings from {options.Clients} clients as the window opened");
        report.AppendLine($"  first {options.Minute.TotalSeconds:F0} s: {inMinute.Count(a => a.Status == 201):N0} taken ({P(taken)}), " +
                          $"{inMinute.Count(a => a.Status == 503):N0} refused with 503 + Retry-After ({P(refused)})");
        report.AppendLine($"  all {acked.Count:N0} taken after {allTaken.TotalSeconds:F1} s and {attempts.Count:N0} attempts; other answers: {(other.Count == 0 ? "none" : string.Join(", ", other))}");
        report.AppendLine($"  the desk: {check}");
        report.AppendLine($"  baseline minute: {Load(baseline)}");
        report.AppendLine($"  opening minute:  {Load(opening)}");
        report.AppendLine($"  ratio opening/baseline: journal rows/s {(opening.AckedRows / opening.Elapsed.TotalSeconds) / Math.Max(1, baseline.AckedRows / baseline.Elapsed.TotalSeconds):F2}, " +
                          $"dashboard p95 {FreshnessProbe.Percentile(opening.Dashboards.Latency["all"], 0.95) / Math.Max(1, FreshnessProbe.Percentile(baseline.Dashboards.Latency["all"], 0.95)):F2}");
        report.Append(check.None && other.Count == 0 && acked.Count == filings ? "PASSED" : "FAILED");
        return report.ToString();
    }
}
