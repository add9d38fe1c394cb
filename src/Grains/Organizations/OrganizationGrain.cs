using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Registry;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Organizations;

/// <summary>An organization: aggregates its classes and publishes to the node that manages it.</summary>
[ImplicitStreamSubscription(RollupStreams.ToOrganization)]
[MayInterleave(nameof(WaitsWithoutHoldingTheQueue))]
public sealed class OrganizationGrain(
    [PersistentState("rollup", RollupStorage.Name)] IPersistentState<RollupState> cache,
    RegistryStore registry,
    IOptions<RollupOptions> options,
    TimeProvider time,
    IKazakhstanClock clock,
    ILogger<OrganizationGrain> logger)
    : AggregateGrain(cache, registry, options, time, clock, logger), IOrganizationGrain
{
    private static readonly SummaryFigures One = new() { Organizations = 1 };

    protected override string InboxNamespace => RollupStreams.ToOrganization;

    protected override SummaryFigures OwnFigures => One;

    protected override Task<long> OwnVersionAsync(CancellationToken cancellationToken) =>
        _registry.OrganizationOpenedSeqAsync(this.GetPrimaryKeyString(), cancellationToken);

    private readonly RegistryStore _registry = registry;
}
