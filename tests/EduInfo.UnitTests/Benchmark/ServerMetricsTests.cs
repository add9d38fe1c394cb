using EduInfo.Tools.Benchmark;

namespace EduInfo.UnitTests.Benchmark;

public sealed class ServerMetricsTests
{
    private const string Route = "/api/v1/nodes/{nodeId}/summary";

    private static string Scrape(double pause, int gen2, int within5, int within10, int all, int notFound, int queue, int watch = 0, int grain = 0) => $$"""
        # HELP dotnet_gc_pause_time_seconds_total The total amount of time paused in GC since the process has started.
        # TYPE dotnet_gc_pause_time_seconds_total counter
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} {{pause.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} {{gen2}}
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 100
        dotnet_thread_pool_queue_length{otel_scope_name="System.Runtime"} {{queue}}
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="{{Route}}",le="0.005"} {{within5}}
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="{{Route}}",le="0.01"} {{within10}}
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="{{Route}}",le="+Inf"} {{all}}
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="{{Route}}"} {{all}}
        http_server_request_duration_seconds_sum{http_request_method="GET",http_response_status_code="200",http_route="{{Route}}"} {{all / 250}} 1733450000000
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="404",http_route="{{Route}}"} {{notFound}}
        eduinfo_live_summary_reads_total{otel_scope_name="EduInfo.Live",source="watch"} {{watch}}
        eduinfo_live_summary_reads_total{otel_scope_name="EduInfo.Live",source="grain"} {{grain}}
        """;

    [Theory]
    // labels with braces and commas inside quotes, a timestamp after the value, escapes
    [InlineData("""a_total{route="/x/{id},y",le="0.5"} 3 1733450000000""", "a_total", "route", "/x/{id},y", 3)]
    [InlineData("""b{k="say \"hi\""} 2.5""", "b", "k", "say \"hi\"", 2.5)]
    [InlineData("c 7", "c", null, null, 7)]
    [InlineData("d{} 1e3", "d", null, null, 1000)]
    public void Parse_reads_names_labels_and_values(string line, string name, string? label, string? value, double number)
    {
        var series = Assert.Single(ServerMetrics.Parse("# HELP x\n" + line + "\n"));
        Assert.Equal(name, series.Name);
        Assert.Equal(number, series.Value);
        if (label is not null)
        {
            Assert.Equal(value, series.Labels[label]);
        }
    }

    [Fact]
    public void A_phase_is_the_difference_of_two_scrapes_for_the_summary_route_answered_200()
    {
        var first = ServerMetrics.Parse(Scrape(pause: 1.5, gen2: 3, within5: 100, within10: 150, all: 200, notFound: 9, queue: 0, watch: 150, grain: 50));
        var last = ServerMetrics.Parse(Scrape(pause: 1.75, gen2: 5, within5: 1070, within10: 1130, all: 1200, notFound: 50, queue: 4, watch: 1140, grain: 60));

        var phase = ServerMetrics.Between(first, last, [0, 4, 8], TimeSpan.FromSeconds(10));

        Assert.Equal(1000, phase.Summary.Count); // the 404s are not reads of a summary
        Assert.Equal(0.97, phase.Summary.Within(0.005), 6);
        Assert.Equal(0.98, phase.Summary.Within(0.01), 6);
        Assert.Equal(5, phase.Summary.QuantileBoundMs(0.95)); // 970 of 1000 within 5 ms
        Assert.Equal(10, phase.Summary.QuantileBoundMs(0.98));
        Assert.Equal(double.PositiveInfinity, phase.Summary.QuantileBoundMs(0.99)); // beyond the last finite bound
        Assert.Equal(0.25, phase.GcPauseSeconds, 6);
        Assert.Equal(2, phase.Collections["gen2"]);
        Assert.Equal(0, phase.Collections["gen0"]);
        Assert.Equal(8, phase.MaxThreadPoolQueue);
        Assert.Equal(4, phase.MeanThreadPoolQueue);
        Assert.Equal(0, phase.Floor.Count);
        Assert.True(double.IsNaN(phase.Floor.Within(0.005)));
        Assert.Equal(0.99, phase.FromWatch, 6); // 990 of the phase's 1000 reads from the watch, 10 from the grain
    }

    [Fact]
    public void An_Api_without_reads_from_the_watch_has_no_share_of_them()
    {
        var phase = ServerMetrics.Between(ServerMetrics.Parse(Scrape(1, 1, 0, 0, 0, 0, 0)), ServerMetrics.Parse(Scrape(1, 1, 0, 0, 0, 0, 0)), [], TimeSpan.FromSeconds(1));
        Assert.True(double.IsNaN(phase.FromWatch));
    }
}
