using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace EduInfo.IntegrationTests.Telemetry;

/// <summary>An Api (with its co-hosted silo) that serves /metrics on a port of its own and keeps every span it ends.</summary>
public sealed class TelemetryApiHost : ApiHost
{
    public int MetricsPort { get; } = LoopbackPorts.Free();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Telemetry:MetricsPort"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new OpenTelemetry.SimpleActivityExportProcessor(new QueueExporter(Spans))));

    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{MetricsPort}/metrics");
    }

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : OpenTelemetry.BaseExporter<Activity>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }
            return OpenTelemetry.ExportResult.Success;
        }
    }
}

/// <summary>
/// Issue 25, metrics and traces: Prometheus reads every figure the alert rules and the dashboard use from /metrics on
/// the scrape port (never the public one), with no label naming a node, class, student or user; one trace runs from the
/// HTTP request through the grain calls to the SQL, and no span holds a seeded IIN or name or a query string.
/// </summary>
public sealed class TelemetryTests(TelemetryApiHost api) : IClassFixture<TelemetryApiHost>
{
    private static readonly TimeSpan Rollup = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The series that the alert rules and the Grafana dashboard read (ops/prometheus, ops/grafana): EduInfo's own and
    /// those of Orleans, ASP.NET Core and Npgsql (not the recorded <c>level:…:…</c> names, nor Prometheus' own <c>up</c>).
    /// </summary>
    private static readonly Regex ProcessSeries = new(@"(?<![\w:])(?:eduinfo|orleans|http_server|db_client|kestrel)_[a-z0-9_]+(?![\w:])", RegexOptions.Compiled);

    internal static IReadOnlyList<string> ExpressionsOfAlertsAndDashboard()
    {
        var root = Web.Infrastructure.Screenshots.RepositoryRoot();
        var rules = File.ReadAllLines(System.IO.Path.Combine(root, "ops", "prometheus", "eduinfo.rules.yml")).Where(line => !line.TrimStart().StartsWith('#'));
        using var dashboard = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(root, "ops", "grafana", "eduinfo-operations.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(target => target.GetProperty("expr").GetString()!);
        return [string.Join('\n', rules), .. panels];
    }

    [Fact]
    public async Task Every_figure_the_alerts_use_is_scraped_on_the_metrics_port_without_a_label_per_node_or_person()
    {
        var t = api.Registry.InSchoolClass(0);
        // The whole hierarchy active and reconciled first: a level measures freshness for rows it counts as news.
        Assert.Equal(200, (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary")).Status);
        await LiveWrites.MarkAsync(api, t);
        var refused = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 99 } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.Equal(400, refused.Status);
        using var viewer = await LiveWrites.OpenNodeAsync(api, "KZ");

        var scrape = await Eventually.MatchesAsync(api.ScrapeAsync, text => text.Contains("eduinfo_rollup_freshness_seconds_bucket{", StringComparison.Ordinal)
            && new[] { "class", "organization", "district", "region", "republic" }.All(level => text.Contains($"level=\"{level}\"", StringComparison.Ordinal))
            && text.Contains("eduinfo_eservices_overdue_decisions", StringComparison.Ordinal)
            && Regex.IsMatch(text, "^eduinfo_live_viewers(\\{[^}]*\\})? [1-9]", RegexOptions.Multiline), Rollup, "freshness at every level in the scrape");

        var used = ExpressionsOfAlertsAndDashboard().SelectMany(e => ProcessSeries.Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("eduinfo_rollup_freshness_seconds_bucket", used);
        Assert.True(used.Count >= 12, $"only {used.Count} series read from the alert rules and the dashboard");
        foreach (var series in used)
        {
            Assert.True(Regex.IsMatch(scrape, $"^{Regex.Escape(series)}[{{ ]", RegexOptions.Multiline), $"{series} is not in the scrape");
        }
        Assert.Matches(new Regex("^eduinfo_journal_entries_total\\{[^}]*kind=\"mark\"[^}]*\\} [1-9]", RegexOptions.Multiline), scrape);
        Assert.Matches(new Regex("^eduinfo_journal_batches_refused_total\\{[^}]*reason=\"scoreOutOfRange\"", RegexOptions.Multiline), scrape);
        Assert.Matches(new Regex("^orleans_", RegexOptions.Multiline), scrape);
        Assert.Matches(new Regex("^db_client_", RegexOptions.Multiline), scrape);

        // Cardinality and privacy: no label names a node, a person or an account, and no label value is one.
        var labels = Regex.Matches(scrape, "([a-z_]+)=\"([^\"]*)\"").Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();
        Assert.DoesNotContain(labels, l => l.Name is "class" or "class_id" or "student" or "student_id" or "user" or "user_id" or "node" or "node_id" or "organization");
        var ids = api.Registry.Data.Classes.Select(c => c.Id).Concat(api.Registry.Data.Organizations.Select(o => o.Id))
            .Concat(api.Registry.Data.Students.Select(s => s.Id)).Concat(api.Registry.Data.Teachers.Select(x => x.Id)).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(labels, l => ids.Contains(l.Value));
        Assert.DoesNotContain(labels, l => l.Value.Contains(t.ClassId, StringComparison.Ordinal) || l.Value.Contains(t.TeacherId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_port_has_no_metrics()
    {
        var response = await api.Http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("eduinfo_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_runs_from_the_http_request_through_the_grain_call_to_the_sql()
    {
        var t = api.Registry.InSchoolClass(1);
        await LiveWrites.MarkAsync(api, t);

        var (request, grain, sql, _) = await Eventually.MatchesAsync(() => Task.FromResult(TraceOfMark(t.ClassId)), found => found.Sql is not null,
            TimeSpan.FromSeconds(20), "the mark's trace down to its SQL");
        Assert.Equal(ActivityKind.Server, request!.Kind);
        Assert.Equal(request.TraceId, grain!.TraceId);
        Assert.Equal(request.TraceId, sql!.TraceId);
        Assert.Contains(request, Ancestors(grain));
        Assert.Contains(grain, Ancestors(sql));
        Assert.DoesNotContain(sql.TagObjects, tag => tag.Key.StartsWith("db.query.parameter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_span_holds_a_seeded_iin_or_name_or_a_query_string()
    {
        var t = api.Registry.InSchoolClass(2);
        var parent = api.Registry.Data.StudentParents.First(p => t.Roster.Contains(p.StudentId));
        var student = api.Registry.Data.Students.Single(s => s.Id == parent.StudentId);
        // Personal data travels in bodies, paths and query strings: a diary read, a search by a name, a mark.
        await LiveWrites.MarkAsync(api, t);
        await api.Http.GetJsonAsync($"/api/v1/students/{student.Id}/diary", $"user=trace-parent; person={parent.ParentId}; roles=parent@{parent.ParentId}");
        await api.Http.GetJsonAsync($"/api/v1/materials?q={Uri.EscapeDataString(student.LastName)}&iin={student.Iin}", null);
        await api.Http.GetJsonAsync($"/open/KZ?name={Uri.EscapeDataString(student.FirstName)}", null);

        var spans = await Eventually.MatchesAsync(() => Task.FromResult(api.Spans.ToList()),
            all => all.Any(s => s.Kind == ActivityKind.Server && Path(s)?.StartsWith("/open/KZ", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(20), "the requests' spans");
        var secrets = api.Registry.Data.Students.Select(s => s.Iin).Concat(api.Registry.Data.Teachers.Select(x => x.Iin)).Concat(api.Registry.Data.Parents.Select(p => p.Iin))
            .Concat([student.LastName, student.FirstName]).ToList();
        foreach (var span in spans)
        {
            var text = string.Join('\n', new[] { span.DisplayName, span.StatusDescription ?? "" }
                .Concat(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
                .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}"))));
            Assert.DoesNotContain("?", span.GetTagItem("url.full") as string ?? "", StringComparison.Ordinal);
            Assert.Null(span.GetTagItem("url.query"));
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a span of {span.Source.Name} holds personal data");
            }
        }
    }

    /// <summary>A mark's trace as found so far; printed (every span of the trace, with its parent) when it times out.</summary>
    private sealed record MarkTrace(Activity? Request, Activity? Grain, Activity? Sql, IReadOnlyList<Activity> Spans)
    {
        public override string ToString() => $"request {Request is not null}, grain call {Grain is not null}, sql {Sql is not null}; the trace's spans: "
            + string.Join("; ", Spans.Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.SpanId} <- {s.ParentSpanId}"));
    }

    private MarkTrace TraceOfMark(string classId)
    {
        var spans = api.Spans.ToList();
        var request = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            && Path(s) == $"/api/v1/classes/{classId}/marks");
        if (request is null)
        {
            return new(null, null, null, []);
        }
        var inTrace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        var grain = inTrace.FirstOrDefault(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server
            && s.DisplayName.Contains("RecordMarks", StringComparison.Ordinal));
        var sql = grain is null ? null : inTrace.FirstOrDefault(s => s.Source.Name == "Npgsql" && Ancestors(s, inTrace).Contains(grain));
        return new(request, grain, sql, inTrace);
    }

    private static string? Path(Activity span) => span.GetTagItem("url.path") as string;

    private List<Activity> Ancestors(Activity span) => Ancestors(span, api.Spans.ToList());

    private static List<Activity> Ancestors(Activity span, IReadOnlyList<Activity> spans)
    {
        var bySpan = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<Activity>();
        for (var parent = span.ParentSpanId; parent != default && bySpan.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            chain.Add(next);
        }
        return chain;
    }
}
