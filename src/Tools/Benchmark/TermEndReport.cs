using System.Globalization;
using System.Text;
using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>What the term-end benchmark measured, printed with every figure as a ratio to the baselines and the goals.</summary>
public sealed record TermEndReport(
    TermEndBenchmark.Options Options, long HistoryRows, long NaiveHistoryRows,
    MixedLoad.Result Ours, IReadOnlyDictionary<string, double> OursCores, double[] Freshness, TimeSpan Drain,
    OperationsRuntime Before, OperationsRuntime After, TermEndReport.Exactness Exact, CopyCeiling.Result Ceiling,
    MixedLoad.Result Theirs, IReadOnlyDictionary<string, double> TheirsCores,
    long ResidentBeforeOverload, OpenLoad.Result Overload, OpenLoad.Result Recovery, TermEndReport.Exactness FinalExact,
    int DiariesRead, OperationsRuntime Loaded, ServerMetrics.Phase? OursServer, HalfLoad Half,
    IReadOnlyDictionary<string, double> HalfCores)
{
    public sealed record Exactness(int Nodes, int Fields, IReadOnlyList<string> Mismatches, TimeSpan RecountTime, bool Skipped = false);

    public bool Passed => Exact.Mismatches.Count == 0 && FinalExact.Mismatches.Count == 0 && Ours.Failures == 0 && Overload.Failed == 0;

    private static double P(double[] sorted, double p) => FreshnessProbe.Percentile(sorted, p);

    private double OursRows => Ours.AckedRows / Ours.Elapsed.TotalSeconds;
    private double OursMarks => Ours.AckedMarks / Ours.Elapsed.TotalSeconds;
    private double TheirsMarks => Theirs.AckedMarks / Theirs.Elapsed.TotalSeconds;

    /// <summary>Heap growth over the student grains the run activated: an upper bound (it includes the class ledgers' new marks).</summary>
    public double BytesPerStudentGrain
    {
        get
        {
            var students = After.Of("StudentGrain") - Before.Of("StudentGrain");
            return students > 0 ? (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)students : double.NaN;
        }
    }

    /// <summary>Student grains the load's writes woke, per acknowledged batch (only loaded students listen: issue #26.2).</summary>
    public double StudentActivationsPerBatch =>
        (After.Of("StudentGrain") - Before.Of("StudentGrain")) / (double)Math.Max(1, Ours.AckedRequests);

    /// <summary>Heap growth over the student grains loaded by reading their diaries after the load: a live student's cost.</summary>
    public double BytesPerLoadedStudent => DiariesRead > 0 ? (Loaded.ManagedHeapBytes - After.ManagedHeapBytes) / (double)DiariesRead : double.NaN;

    public override string ToString()
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        string Cores(IReadOnlyDictionary<string, double> c, string system) =>
            string.Create(CultureInfo.InvariantCulture, $"{system} {c[system]:F2}, postgres {c["postgres"]:F2}, load generator {c["load"]:F2}, machine {c["machine"]:F2} of {Environment.ProcessorCount}");
        string Ratio(double ours, double theirs) => theirs > 0 ? string.Create(CultureInfo.InvariantCulture, $"{ours / theirs:F2}×") : "n/a";
        string Goal(bool met) => met ? "met" : "NOT met";

        Line($"term-end benchmark: {Options.Clients} journal clients (batches of ~25 marks, 1 in 5 requests a roll-call), {Options.Pollers} dashboards, {Options.Duration.TotalSeconds:F0} s each system");
        Line($"  history: EduInfo journal {HistoryRows:N0} rows, naive journal {NaiveHistoryRows:N0} rows; fsync and synchronous_commit on");
        s.AppendLine();
        Line($"ingest (acknowledged)               EduInfo                     naive service               ratio");
        Line($"  requests/s                        {Ours.AckedRequests / Ours.Elapsed.TotalSeconds,-27:F0} {Theirs.AckedRequests / Theirs.Elapsed.TotalSeconds,-27:F0} {Ratio(Ours.AckedRequests / Ours.Elapsed.TotalSeconds, Theirs.AckedRequests / Theirs.Elapsed.TotalSeconds)}");
        Line($"  marks/s                           {OursMarks,-27:F0} {TheirsMarks,-27:F0} {Ratio(OursMarks, TheirsMarks)}");
        Line($"  journal rows/s                    {OursRows,-27:F0} {Theirs.AckedRows / Theirs.Elapsed.TotalSeconds,-27:F0}");
        Line($"  request latency p50/p95/p99 ms    {P(Ours.Latency, .5):F1} / {P(Ours.Latency, .95):F1} / {P(Ours.Latency, .99):F1}{"",-8} {P(Theirs.Latency, .5):F1} / {P(Theirs.Latency, .95):F1} / {P(Theirs.Latency, .99):F1}");
        Line($"  refused or failed                 {Ours.Failures,-27} {Theirs.Failures,-27}");
        Line($"  lesson already recorded (409)     {Ours.AlreadyRecorded,-27} {Theirs.AlreadyRecorded,-27}");
        Line($"  shed by admission control (503)   {Ours.Shed,-27} {Theirs.Shed,-27}");
        foreach (var level in new[] { "all", "district", "region", "republic" })
        {
            var o = Ours.Dashboards.Latency.GetValueOrDefault(level, []);
            var t = Theirs.Dashboards.Latency.GetValueOrDefault(level, []);
            Line($"  dashboard {level,-9} p50/p99 ms      {P(o, .5):F2} / {P(o, .99):F2}{"",-14} {P(t, .5):F1} / {P(t, .99):F1}{"",-10} naive p99 ÷ EduInfo p99 = {Ratio(P(t, .99), P(o, .99))}");
        }
        Line($"  dashboard reads                   {Ours.Dashboards.Reads,-27} {Theirs.Dashboards.Reads,-27}");
        Line($"  freshness at KZ p50/p99 ms        {P(Freshness, .5):F0} / {P(Freshness, .99):F0} ({Freshness.Length} probes)   n/a (no live figures: each read recounts)");
        Line($"  cores busy                        {Cores(OursCores, "eduinfo")}");
        Line($"                                    {Cores(TheirsCores, "naive")}");
        Line($"  drain after the load              {Drain.TotalMilliseconds:F0} ms until the republic covered every watermark");
        s.AppendLine();
        Line($"reads (issue 26.1), client side, ms          saturation (closed loop)    half load (open loop, {Half.Writes.RatePerSecond:F0} requests/s offered, {Half.Writes.Acked / Half.Writes.Elapsed.TotalSeconds:F0} acked/s)");
        foreach (var level in new[] { "all", "district", "region", "republic" })
        {
            var o = Ours.Dashboards.Latency.GetValueOrDefault(level, []);
            var h = Half.Dashboards.Latency.GetValueOrDefault(level, []);
            Line($"  dashboard {level,-9} p50 / p99 / max       {P(o, .5):F2} / {P(o, .99):F2} / {P(o, 1):F0}{"",-8} {P(h, .5):F2} / {P(h, .99):F2} / {P(h, 1):F0}");
        }
        Line($"  /health/live (the floor) p50 / p99 / max   {P(Ours.Dashboards.Floor, .5):F2} / {P(Ours.Dashboards.Floor, .99):F2} / {P(Ours.Dashboards.Floor, 1):F0}{"",-8} {P(Half.Dashboards.Floor, .5):F2} / {P(Half.Dashboards.Floor, .99):F2} / {P(Half.Dashboards.Floor, 1):F0}");
        Line($"  reads / failed                             {Ours.Dashboards.Reads} / {Ours.Dashboards.Failures}{"",-18} {Half.Dashboards.Reads} / {Half.Dashboards.Failures}");
        Line($"  cores busy                                 {Cores(OursCores, "eduinfo")}");
        Line($"                                             {Cores(HalfCores, "eduinfo")} (half load)");
        foreach (var (name, phase) in new[] { ("saturation", OursServer), ("half load", Half.Server) })
        {
            if (phase is null)
            {
                Line($"  server side ({name}): no scrape port (EDUINFO_METRICS_URL unset)");
                continue;
            }
            Line($"  server side ({name}, the Api's own histogram): summary reads {phase.Summary.Count:F0}, ≤ 5 ms {phase.Summary.Within(0.005):P1}, ≤ 10 ms {phase.Summary.Within(0.01):P1}, ≤ 25 ms {phase.Summary.Within(0.025):P1}, p99 ≤ {phase.Summary.QuantileBoundMs(.99):F0} ms, mean {1000 * phase.Summary.SumSeconds / Math.Max(1, phase.Summary.Count):F2} ms, {phase.FromWatch:P0} from the watch; /health/live p99 ≤ {phase.Floor.QuantileBoundMs(.99):F0} ms");
            Line($"    GC paused every thread {1000 * phase.GcPauseSeconds:F0} ms in {phase.Elapsed.TotalSeconds:F0} s ({phase.GcPauseSeconds / phase.Elapsed.TotalSeconds:P1}); collections {string.Join(", ", phase.Collections.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:F0}"))}; lock contentions {phase.LockContentions:F0}; thread pool queue max {phase.MaxThreadPoolQueue:F0}, mean {phase.MeanThreadPoolQueue:F1} ({phase.ThreadPoolThreads:F0} threads)");
        }
        s.AppendLine();
        Line($"ceiling: binary COPY of the {Ceiling.Rows:N0} rows EduInfo acknowledged, deleted and written back into the same journal table");
        Line($"  one COPY per request batch ({Ceiling.Batches:N0} batches, {Options.Clients} connections): {Ceiling.BatchedRowsPerSecond:F0} rows/s; EduInfo = {OursRows / Ceiling.BatchedRowsPerSecond:P1} of it");
        Line($"  one COPY of all rows: {Ceiling.SingleStreamRowsPerSecond:F0} rows/s; EduInfo = {OursRows / Ceiling.SingleStreamRowsPerSecond:P1} of it");
        Line($"  one COPY per request batch into fresh rows of a copy of the table ({Ceiling.CopyHistoryRows:N0} rows of history copied): {Ceiling.FreshBatchedRowsPerSecond:F0} rows/s; EduInfo = {OursRows / Ceiling.FreshBatchedRowsPerSecond:P1} of it");
        s.AppendLine();
        Line($"memory: managed heap {Before.ManagedHeapBytes / 1048576.0:F0} → {After.ManagedHeapBytes / 1048576.0:F0} MiB (after a full collection) while student grains went {Before.Of("StudentGrain"):N0} → {After.Of("StudentGrain"):N0}");
        Line($"  student grains woken per acknowledged batch: {StudentActivationsPerBatch:F2} ({After.Of("StudentGrain") - Before.Of("StudentGrain"):N0} over {Ours.AckedRequests:N0} batches)");
        // Since issue 26.2 writes wake no student that is not loaded: then there is nothing to divide by.
        var perWoken = After.Of("StudentGrain") > Before.Of("StudentGrain")
            ? $"{BytesPerStudentGrain:F0} bytes per student grain the writes activated (not loaded until read; upper bound: includes the new marks in the class ledgers)"
            : $"no student grain woken by the writes (heap +{(After.ManagedHeapBytes - Before.ManagedHeapBytes) / 1048576.0:F0} MiB: the class ledgers' new marks)";
        Line($"  {perWoken}; class grains {After.Of("ClassGrain"):N0}, working set {After.WorkingSetBytes / 1048576.0:F0} MiB; silo co-hosted: {After.SiloCoHosted}");
        Line($"  {BytesPerLoadedStudent:F0} bytes per loaded (live) student grain: {DiariesRead:N0} diaries read, heap {After.ManagedHeapBytes / 1048576.0:F0} → {Loaded.ManagedHeapBytes / 1048576.0:F0} MiB");
        s.AppendLine();
        foreach (var (name, run) in new[] { ("overload (2× sustained)", Overload), ("recovery (½× sustained)", Recovery) })
        {
            Line($"{name}: {run.RatePerSecond:F0} requests/s offered for {run.Elapsed.TotalSeconds:F0} s: sent {run.Sent}, acked {run.Acked}, refused (429/503) {run.Refused}, failed otherwise {run.Failed}");
            Line($"  acked latency p50/p99 {P(run.AckLatency, .5):F0} / {P(run.AckLatency, .99):F0} ms; refusal latency p50/p99 {P(run.RefusalLatency, .5):F0} / {P(run.RefusalLatency, .99):F0} ms; max in flight {run.MaxInFlight}; max RSS {run.MaxResidentBytes / 1048576.0:F0} MiB (before {ResidentBeforeOverload / 1048576.0:F0} MiB)");
            Line($"  statuses: {string.Join(", ", run.Statuses.OrderBy(x => x.Key).Select(x => $"{(x.Key == 0 ? "no answer" : x.Key.ToString(CultureInfo.InvariantCulture))} ×{x.Value}"))}");
        }
        s.AppendLine();
        foreach (var (name, exact) in new[] { ("after the load", Exact), ("after overload", FinalExact) })
        {
            if (exact.Skipped)
            {
                Line($"exactness {name}: SKIPPED (EDUINFO_EXACTNESS=skip)");
                continue;
            }
            Line($"exactness {name}: {exact.Nodes:N0} summaries × {exact.Fields} figures against the journal recount ({exact.RecountTime.TotalSeconds:F1} s): {(exact.Mismatches.Count == 0 ? "all equal" : $"{exact.Mismatches.Count} MISMATCHES")}");
            foreach (var mismatch in exact.Mismatches.Take(10))
            {
                Line($"  {mismatch}");
            }
        }
        s.AppendLine();
        var naiveDashboard = P(Theirs.Dashboards.Latency["all"], .99);
        var ourDashboard = P(Ours.Dashboards.Latency["all"], .99);
        Line($"goals (docs/benchmarks.md):");
        Line($"  ingest ≥ 50% of the COPY ceiling (per batch)     {OursRows / Ceiling.HigherBatchedRowsPerSecond:P1} of the higher (written back {OursRows / Ceiling.BatchedRowsPerSecond:P1}, fresh {OursRows / Ceiling.FreshBatchedRowsPerSecond:P1})  {Goal(OursRows >= 0.5 * Ceiling.HigherBatchedRowsPerSecond)}");
        Line($"  ingest ≥ 10× the naive service under the mix     {Ratio(OursMarks, TheirsMarks)}  {Goal(OursMarks >= 10 * TheirsMarks)}");
        Line($"  freshness p99 ≤ 1 s                              {P(Freshness, .99):F0} ms  {Goal(P(Freshness, .99) <= 1000)}");
        var halfDashboard = P(Half.Dashboards.Latency["all"], .99);
        var halfGoal = Math.Max(5, P(Half.Dashboards.Floor, .99) + 2);
        Line($"  dashboard read p99 at half load ≤ {halfGoal,5:F2} ms       {halfDashboard:F2} ms  {Goal(halfDashboard <= halfGoal)} (5 ms, or the floor's p99 + 2 ms when that is higher)");
        Line($"  dashboard read p99 at saturation ≤ 25 ms         {ourDashboard:F2} ms  {Goal(ourDashboard <= 25)}");
        Line($"  dashboard ≥ 500× faster than the naive GROUP BY  {Ratio(naiveDashboard, ourDashboard)}  {Goal(naiveDashboard >= 500 * ourDashboard)} (naive journal {NaiveHistoryRows:N0} rows)");
        Line($"  ≤ 4 KB per active (loaded) student grain         {BytesPerLoadedStudent:F0} B  {Goal(BytesPerLoadedStudent <= 4096)}");
        return s.ToString();
    }
}
