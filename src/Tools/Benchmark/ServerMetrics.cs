using System.Globalization;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Where a read's time goes, as the Api itself saw a phase: its Prometheus scrape (<c>Telemetry:MetricsPort</c>) taken
/// before and after, and every two seconds between for the thread pool's queue. From the difference: the server-side
/// duration of the summary reads and of the liveness probe (ASP.NET Core's request histogram), the time the GC paused
/// every thread, collections per generation and lock contentions. A client's tail that the server's histogram does
/// not show was spent outside the request (the client, the sockets, waiting for a core).
/// </summary>
public sealed class ServerMetrics(HttpClient http)
{
    public sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Phase(
        Histogram Summary, Histogram Floor, double GcPauseSeconds, IReadOnlyDictionary<string, double> Collections,
        double LockContentions, double MaxThreadPoolQueue, double MeanThreadPoolQueue, double ThreadPoolThreads, TimeSpan Elapsed,
        double SummariesFromWatch = 0, double SummariesFromGrain = 0)
    {
        /// <summary>The share of summary reads the Api answered from its watch of the node, without a grain call (NaN: none counted).</summary>
        public double FromWatch => SummariesFromWatch + SummariesFromGrain is var all && all > 0 ? SummariesFromWatch / all : double.NaN;
    }

    /// <summary>Requests of one route by upper bound (seconds), cumulative, as Prometheus gives them.</summary>
    public sealed record Histogram(IReadOnlyList<(double Le, double Count)> Buckets, double Count, double SumSeconds)
    {
        /// <summary>The share of requests that took at most <paramref name="seconds"/> (a bucket bound).</summary>
        public double Within(double seconds) => Count == 0 ? double.NaN : Buckets.Where(b => b.Le <= seconds + 1e-9).Select(b => b.Count).DefaultIfEmpty(0).Max() / Count;

        /// <summary>The smallest bucket bound that holds the quantile: an upper bound of it, in milliseconds.</summary>
        public double QuantileBoundMs(double q) =>
            Count == 0 ? double.NaN : Buckets.Where(b => b.Count >= q * Count).Select(b => b.Le * 1000).DefaultIfEmpty(double.PositiveInfinity).Min();
    }

    /// <summary>Samples the scrape until <paramref name="stop"/>; null when the Api has no scrape port configured.</summary>
    public async Task<Phase?> WatchAsync(CancellationToken stop)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await TakeAsync();
        if (first is null)
        {
            return null;
        }
        var queue = new List<double>();
        var last = first;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
            catch (OperationCanceledException)
            {
            }
            last = await TakeAsync() ?? last;
            queue.Add(Sum(last, "dotnet_thread_pool_queue_length"));
        }
        return Between(first, last, queue, started.Elapsed);
    }

    /// <summary>A phase from its first and last scrape and the queue lengths sampled between.</summary>
    public static Phase Between(IReadOnlyList<Series> first, IReadOnlyList<Series> last, IReadOnlyList<double> queue, TimeSpan elapsed) => new(
        HistogramOf(first, last, "/nodes/{nodeId}/summary"), HistogramOf(first, last, "/health/live"),
        Sum(last, "dotnet_gc_pause_time_seconds_total") - Sum(first, "dotnet_gc_pause_time_seconds_total"),
        Generations(last).ToDictionary(g => g.Key, g => g.Value - Generations(first).GetValueOrDefault(g.Key)),
        Sum(last, "dotnet_monitor_lock_contentions_total") - Sum(first, "dotnet_monitor_lock_contentions_total"),
        queue.DefaultIfEmpty(double.NaN).Max(), queue.DefaultIfEmpty(double.NaN).Average(), Sum(last, "dotnet_thread_pool_thread_count"),
        elapsed, SummaryReads(last, "watch") - SummaryReads(first, "watch"), SummaryReads(last, "grain") - SummaryReads(first, "grain"));

    private static double SummaryReads(IReadOnlyList<Series> sample, string source) =>
        sample.Where(s => s.Name == "eduinfo_live_summary_reads_total" && s.Labels.GetValueOrDefault("source") == source).Sum(s => s.Value);

    private async Task<IReadOnlyList<Series>?> TakeAsync()
    {
        try
        {
            return Parse(await http.GetStringAsync("/metrics"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static double Sum(IReadOnlyList<Series> sample, string name) => sample.Where(s => s.Name == name).Sum(s => s.Value);

    private static Dictionary<string, double> Generations(IReadOnlyList<Series> sample) =>
        sample.Where(s => s.Name == "dotnet_gc_collections_total")
            .GroupBy(s => s.Labels.GetValueOrDefault("gc_heap_generation", "?"))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    private static Histogram HistogramOf(IReadOnlyList<Series> first, IReadOnlyList<Series> last, string routeEnding)
    {
        bool Route(Series s) => s.Labels.TryGetValue("http_route", out var route) && route.EndsWith(routeEnding, StringComparison.Ordinal)
            && s.Labels.GetValueOrDefault("http_response_status_code") == "200";
        Dictionary<double, double> Buckets(IReadOnlyList<Series> sample) => sample
            .Where(s => s.Name == "http_server_request_duration_seconds_bucket" && Route(s))
            .GroupBy(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        double Total(IReadOnlyList<Series> sample, string name) => sample.Where(s => s.Name == name && Route(s)).Sum(s => s.Value);
        var before = Buckets(first);
        var buckets = Buckets(last).Select(b => (b.Key, b.Value - before.GetValueOrDefault(b.Key))).OrderBy(b => b.Key).ToList();
        return new Histogram(buckets,
            Total(last, "http_server_request_duration_seconds_count") - Total(first, "http_server_request_duration_seconds_count"),
            Total(last, "http_server_request_duration_seconds_sum") - Total(first, "http_server_request_duration_seconds_sum"));
    }

    /// <summary>The Prometheus text format: <c>name{label="value",…} value [timestamp]</c>, comments skipped.</summary>
    public static IReadOnlyList<Series> Parse(string text)
    {
        var series = new List<Series>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ');
            string name;
            int rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                rest = ParseLabels(line, brace + 1, labels);
            }
            else
            {
                name = space < 0 ? line : line[..space];
                rest = name.Length;
            }
            var value = line[rest..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                series.Add(new Series(name, labels, number));
            }
        }
        return series;
    }

    /// <summary>Reads <c>key="value"</c> pairs (values may hold braces, commas and escapes) up to the closing brace; the index after it.</summary>
    private static int ParseLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (at < line.Length && line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var key = line[at..equals].Trim(' ', ',');
            var value = new System.Text.StringBuilder();
            var i = equals + 2; // past ="
            for (; i < line.Length && line[i] != '"'; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }
            labels[key] = value.ToString();
            at = i + 1;
            while (at < line.Length && line[at] == ',')
            {
                at++;
            }
        }
        return at + 1;
    }
}
