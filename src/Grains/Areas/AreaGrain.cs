using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Registry;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Areas;

/// <summary>A management body (district or city, region, the republic): aggregates organizations and areas.</summary>
[ImplicitStreamSubscription(RollupStreams.ToArea)]
[MayInterleave(nameof(WaitsWithoutHoldingTheQueue))]
public sealed class AreaGrain(
    [PersistentState("rollup", RollupStorage.Name)] IPersistentState<RollupState> cache,
    RegistryStore registry,
    IOptions<RollupOptions> options,
    TimeProvider time,
    IKazakhstanClock clock,
    ILogger<AreaGrain> logger)
    : AggregateGrain(cache, registry, options, time, clock, logger), IAreaGrain
{
    protected override string InboxNamespace => RollupStreams.ToArea;
}
