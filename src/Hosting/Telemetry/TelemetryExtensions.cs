using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EduInfo.Hosting.Telemetry;

/// <summary>
/// Metrics and traces of every process (the Api and the silos), docs/operations.md "Metrics and traces": the Orleans
/// meters, ASP.NET Core, the .NET runtime, Npgsql and EduInfo's own (every meter named <c>EduInfo.*</c>), scraped by Prometheus
/// on a port of their own and, when configured, exported by OTLP.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The scrape port: Prometheus reads <c>/metrics</c> there; the public port never serves it.</summary>
    public const int DefaultMetricsPort = 9464;

    public static WebApplicationBuilder AddEduInfoTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Configuration.GetSection("Telemetry");
        var otlp = telemetry["OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.GetEnvironmentVariable("POD_NAME")))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("EduInfo.*", "Microsoft.Orleans", "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, Orleans.Diagnostics.ActivitySources.RuntimeActivitySourceName)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // No query strings in spans: a search's words, a code being verified, a page's filters.
                        o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                        o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics");
                    })
                    .AddNpgsql()
                    .AddProcessor(new SpanScrubber());
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus, answered only on the scrape port (<c>Telemetry:MetricsPort</c>) — by the port the
    /// connection arrived on, not by a Host header a client could write — so the public port has no such path.
    /// </summary>
    public static WebApplication UseEduInfoMetrics(this WebApplication app)
    {
        var port = app.Configuration.GetValue("Telemetry:MetricsPort", DefaultMetricsPort);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Connection.LocalPort == port && http.Request.Path == "/metrics");
        return app;
    }

    /// <summary>
    /// The last guard on what leaves the process in a span: no SQL parameters (Npgsql records none; this drops any
    /// tag that would hold them), no query strings, no exception messages that might quote what someone typed.
    /// </summary>
    private sealed class SpanScrubber : BaseProcessor<Activity>
    {
        private static readonly string[] Dropped = ["url.query", "db.query.parameter", "http.request.header.cookie", "http.request.header.authorization"];

        public override void OnEnd(Activity activity)
        {
            foreach (var tag in activity.TagObjects.Select(t => t.Key).Where(k => Dropped.Any(d => k.StartsWith(d, StringComparison.Ordinal))).ToList())
            {
                activity.SetTag(tag, null);
            }
            if (activity.GetTagItem("url.full") is string full && full.IndexOf('?') is var q and >= 0)
            {
                activity.SetTag("url.full", full[..q]);
            }
            if (activity.GetTagItem("exception.message") is not null)
            {
                activity.SetTag("exception.message", null);
            }
        }
    }
}
