using System.Diagnostics;
using EduInfo.Api.Live;
using EduInfo.Api.Security;
using EduInfo.Api.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// What an operator sizing silos needs: live activations per grain type across the cluster, and this process's memory.
/// With <c>collect=true</c> a full blocking collection runs first, so the heap figure is the live data (the benchmark
/// divides it by the active student grains); only meaningful for the silo's own memory when the silo is co-hosted
/// (the Development profile). <c>live</c> is this process's live views: entries, viewers and the estimated bytes of the
/// summaries they cache (<see cref="LiveSummaries"/>); <c>dashboard</c> the shared dashboard views kept and rendered (<see cref="DashboardViews"/>). No personal data: counts and bytes only.
/// </summary>
public static class OperationsEndpoints
{
    public sealed record GrainTypeActivations(string GrainType, int Activations);

    public sealed record RuntimeFigures(
        bool SiloCoHosted, int Silos, IReadOnlyList<GrainTypeActivations> Activations,
        long ManagedHeapBytes, long WorkingSetBytes, double ProcessorSeconds, int ProcessorCount, LiveFigures Live, DashboardViewFigures Dashboard);

    public static RouteGroupBuilder MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/ops/runtime", GetRuntime).RequireCaller(AccessPolicy.CanReadRuntime).WithTags("Operations").WithName("GetRuntime")
            .WithSummary("Activations per grain type and this process's memory (operators)");
        return api;
    }

    private static async Task<Results<Ok<RuntimeFigures>, ProblemHttpResult>> GetRuntime(
        IGrainFactory grains, LiveSummaries live, DashboardViews dashboards, IServiceProvider services, bool? collect)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var activations = statistics
            .GroupBy(s => s.GrainType.Split(',')[0].Split('.')[^1])
            .Select(g => new GrainTypeActivations(g.Key, g.Sum(s => s.ActivationCount)))
            .OrderByDescending(g => g.Activations)
            .ToList();
        if (collect == true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new RuntimeFigures(
            services.GetService<Orleans.Runtime.ILocalSiloDetails>() is not null,
            statistics.Select(s => s.SiloAddress).Distinct().Count(),
            activations,
            GC.GetTotalMemory(forceFullCollection: false),
            process.WorkingSet64,
            process.TotalProcessorTime.TotalSeconds,
            Environment.ProcessorCount,
            live.Report(),
            dashboards.Report()));
    }
}
