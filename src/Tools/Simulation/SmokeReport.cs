using System.Globalization;

namespace EduInfo.Tools.Simulation;

/// <summary>What a smoke benchmark measured.</summary>
public sealed record SmokeReport(
    TimeSpan Duration,
    int Clients,
    long Requests,
    long AckedMarks,
    long AlreadyRecorded,
    long Failures,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    int FreshnessSamples,
    double FreshnessP50Ms,
    double FreshnessP99Ms)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"""
        smoke benchmark: {Clients} journal clients flat out for {Duration.TotalSeconds:F0} s
          requests acknowledged      {Requests - Failures - AlreadyRecorded} ({(Requests - Failures - AlreadyRecorded) / Duration.TotalSeconds:F0}/s), refused or failed {Failures}, lesson already recorded {AlreadyRecorded}
          marks acknowledged         {AckedMarks} ({AckedMarks / Duration.TotalSeconds:F0} marks/s)
          request latency            p50 {LatencyP50Ms:F1} ms, p95 {LatencyP95Ms:F1} ms, p99 {LatencyP99Ms:F1} ms
          freshness at the republic  p50 {FreshnessP50Ms:F0} ms, p99 {FreshnessP99Ms:F0} ms ({FreshnessSamples} probes: ack → KZ summary shows the mark)
        """);
}
