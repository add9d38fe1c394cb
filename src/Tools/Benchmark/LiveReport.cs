using System.Globalization;
using System.Text;

namespace EduInfo.Tools.Benchmark;

/// <summary>The two scenarios of the live benchmark: every viewer on one district, or viewers spread over all districts.</summary>
public enum LiveScenario { OneDistrict, AllDistricts }

/// <summary>What the live benchmark measured: each scenario against each build, and the ratios push ÷ poll.</summary>
public sealed record LiveReport(LiveBenchmark.Options Options, string OneDistrict, int Districts, IReadOnlyList<LiveReport.Run> Runs)
{
    /// <summary>One scenario against one build. Times in ms, CPU in cores (CPU-seconds per second), memory in bytes.</summary>
    public sealed record Run(
        string Build, LiveScenario Scenario, int Viewers, int Opened, int Failed,
        double AckedPerSecond, long WriterSent, long WriterFailed,
        int Pairs, int Missed, double FreshnessP50, double FreshnessP99, double EventsPerSecond,
        double ApiCoresQuiet, double ApiCores, double PostgresCores, double LoadCores, double MachineCores,
        long RssQuiet, long Rss, long HeapQuiet, long Heap, long HeapAfter, int RestMismatches)
    {
        /// <summary>The Api's CPU the viewers added, per 1,000 of them.</summary>
        public double CoresPerThousand => Opened == 0 ? double.NaN : (ApiCores - ApiCoresQuiet) * 1000 / Opened;

        /// <summary>The Api's resident memory the viewers added, per viewer.</summary>
        public double RssPerViewer => Opened == 0 ? double.NaN : (double)(Rss - RssQuiet) / Opened;

        /// <summary>
        /// The managed heap after a full collection with the viewers open minus once they ended, per viewer: steadier than
        /// RSS, which the GC's slack moves, and without the journal's growth meanwhile, which both readings hold.
        /// </summary>
        public double HeapPerViewer => Opened == 0 ? double.NaN : (double)(Heap - HeapAfter) / Opened;

        /// <summary>False when a figure cannot be trusted: a viewer failed, or a district's rest offset moved (another writer).</summary>
        public bool Sound => Failed == 0 && RestMismatches == 0 && WriterFailed == 0;
    }

    /// <summary>Scenario C, the page refresh of open dashboards on each pushed version: the whole page against the shared section.</summary>
    public IReadOnlyList<RefreshRun> Refreshes { get; init; } = [];

    /// <summary>One mode of scenario C against the push build. Times in ms, CPU in cores.</summary>
    public sealed record RefreshRun(
        RefreshMode Mode, int Viewers, int Opened, int Failed, double AckedPerSecond, long WriterFailed,
        double FetchesPerSecond, double RendersPerSecond, double FetchP50, double FetchP99, double BytesPerFetch,
        double ApiCoresQuiet, double ApiCores, double MachineCores)
    {
        /// <summary>The Api's CPU the open dashboards added, per viewer, in CPU-milliseconds per second.</summary>
        public double MillicoresPerViewer => Opened == 0 ? double.NaN : (ApiCores - ApiCoresQuiet) * 1000 / Opened;

        /// <summary>The Api's CPU per refresh served, in CPU-milliseconds.</summary>
        public double CpuMsPerFetch => FetchesPerSecond <= 0 ? double.NaN : (ApiCores - ApiCoresQuiet) * 1000 / FetchesPerSecond;

        public bool Sound => Failed == 0 && WriterFailed == 0;
    }

    public bool Sound => Runs.All(r => r.Sound) && Refreshes.All(r => r.Sound);

    public override string ToString()
    {
        var o = Options;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            live fan-out benchmark: {o.Viewers} SSE viewers per scenario and build, {o.Duration.TotalSeconds:F0} s measured after {o.WarmUp.TotalSeconds:F0} s of warm-up,
              a writer at {o.BatchesPerSecond:F0} batches/s into one class per watched district; CPU and memory against {o.Quiet.TotalSeconds:F0} s with the writer and no viewer.
              A: every viewer on district {OneDistrict}; B: viewers spread over {Districts} districts.

            """));
        foreach (var scenario in Enum.GetValues<LiveScenario>())
        {
            var poll = Runs.FirstOrDefault(r => r.Scenario == scenario && r.Build == "poll");
            var push = Runs.FirstOrDefault(r => r.Scenario == scenario && r.Build == "push");
            if (poll is null || push is null)
            {
                continue;
            }
            text.AppendLine(scenario == LiveScenario.OneDistrict ? "scenario A (one district)" : "scenario B (all districts)");
            text.AppendLine("| | poll (baseline) | push | push ÷ poll |");
            text.AppendLine("|---|---|---|---|");
            Row(text, "viewers open (failed)", r => $"{r.Opened} ({r.Failed})");
            Row(text, "writer: acked batches/s (failed of sent)", r => $"{r.AckedPerSecond:F1} ({r.WriterFailed} of {r.WriterSent})", r => r.AckedPerSecond);
            Row(text, "summary events/s at all viewers", r => $"{r.EventsPerSecond:N0}", r => r.EventsPerSecond);
            Row(text, "freshness p50, ms (ack → viewer)", r => $"{r.FreshnessP50:F0}", r => r.FreshnessP50);
            Row(text, "freshness p99, ms", r => $"{r.FreshnessP99:F0} ({r.Pairs:N0} pairs, {r.Missed} missed)", r => r.FreshnessP99);
            Row(text, "Api cores without viewers / with", r => $"{r.ApiCoresQuiet:F2} / {r.ApiCores:F2}");
            Row(text, "Api CPU-s per s per 1,000 viewers", r => $"{r.CoresPerThousand:F3}", r => r.CoresPerThousand);
            Row(text, "Api RSS without viewers / with, MiB", r => $"{r.RssQuiet / 1048576.0:F0} / {r.Rss / 1048576.0:F0}");
            Row(text, "Api RSS per viewer, KiB", r => $"{r.RssPerViewer / 1024:F1}", r => r.RssPerViewer);
            Row(text, "Api managed heap after a full GC: before viewers / with / after, MiB", r => $"{r.HeapQuiet / 1048576.0:F0} / {r.Heap / 1048576.0:F0} / {r.HeapAfter / 1048576.0:F0}");
            Row(text, "Api managed heap per viewer (with − after), KiB", r => $"{r.HeapPerViewer / 1024:F1}", r => r.HeapPerViewer);
            Row(text, "cores: PostgreSQL / load generator / machine (of 2)", r => $"{r.PostgresCores:F2} / {r.LoadCores:F2} / {r.MachineCores:F2}");
            Row(text, "rest check (district − class version unchanged)", r => r.RestMismatches == 0 ? "held" : $"{r.RestMismatches} districts moved");
            text.AppendLine();

            void Row(StringBuilder into, string name, Func<Run, string> cell, Func<Run, double>? ratio = null) =>
                into.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {cell(poll)} | {cell(push)} | {(ratio is null ? "" : Ratio(ratio(push), ratio(poll)))} |"));
        }
        // A difference the noise made zero or negative (CPU or memory the viewers added) has no meaningful ratio.
        static string Ratio(double push, double poll) => push >= 0 && poll > 0 ? string.Create(CultureInfo.InvariantCulture, $"{push / poll:F2}×") : "n/a (a figure ≤ 0)";
        if (Refreshes.Count > 0)
        {
            Refresh(text);
        }
        if (!Sound)
        {
            text.AppendLine("NOT SOUND: a viewer failed, the writer failed, or another writer moved a watched district (see the rows above).");
        }
        return text.ToString();
    }

    /// <summary>Scenario C as a table: one column per run (page, fragment, page), and fragment ÷ the pages' mean.</summary>
    private void Refresh(StringBuilder text)
    {
        var r = Refreshes;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario C (page refresh): {r[0].Viewers} open dashboards of {OneDistrict}, each refetching its view on a pushed version (≤ 1 per 2 s)"));
        text.AppendLine("| | " + string.Join(" | ", r.Select(x => x.Mode == RefreshMode.Page ? "whole page (before)" : "shared section (now)")) + " | section ÷ page |");
        text.AppendLine("|---|" + string.Concat(r.Select(_ => "---|")) + "---|");
        Row("viewers open (failed)", x => $"{x.Opened} ({x.Failed})");
        Row("writer: acked batches/s (failed)", x => $"{x.AckedPerSecond:F1} ({x.WriterFailed})", x => x.AckedPerSecond);
        Row("refreshes served/s", x => $"{x.FetchesPerSecond:F1}", x => x.FetchesPerSecond);
        Row("renders/s (page: one per request; section: the Api's count)", x => $"{x.RendersPerSecond:F1}", x => x.RendersPerSecond);
        Row("refresh time p50 / p99, ms", x => $"{x.FetchP50:F0} / {x.FetchP99:F0}", x => x.FetchP50);
        Row("bytes per refresh", x => $"{x.BytesPerFetch:N0}", x => x.BytesPerFetch);
        Row("Api cores without viewers / with", x => $"{x.ApiCoresQuiet:F2} / {x.ApiCores:F2}");
        Row("Api CPU per viewer, CPU-ms per s", x => $"{x.MillicoresPerViewer:F2}", x => x.MillicoresPerViewer);
        Row("Api CPU per refresh, CPU-ms", x => $"{x.CpuMsPerFetch:F2}", x => x.CpuMsPerFetch);
        Row("machine cores (of 2)", x => $"{x.MachineCores:F2}");
        text.AppendLine();

        void Row(string name, Func<RefreshRun, string> cell, Func<RefreshRun, double>? ratio = null)
        {
            var pages = r.Where(x => x.Mode == RefreshMode.Page).ToList();
            var section = r.FirstOrDefault(x => x.Mode == RefreshMode.Fragment);
            var ratioText = ratio is null || section is null || pages.Count == 0 ? "" : pages.Average(ratio) is var page && page > 0 && ratio(section) >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"{ratio(section) / page:F3}×") : "n/a (a figure ≤ 0)";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", r.Select(cell))} | {ratioText} |"));
        }
    }
}
