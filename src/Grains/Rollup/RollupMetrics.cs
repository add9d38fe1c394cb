using System.Diagnostics.Metrics;
using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// The roll-up's health as an operator watches it: how long a committed journal row takes to be counted at each level
/// (freshness), summaries published upward, and what reconciliation found missing and repaired. The only label is the
/// level (class … republic): never a node's id (cardinality).
/// </summary>
public sealed class RollupMetrics
{
    public const string MeterName = "EduInfo.Rollup";

    private readonly Histogram<double> _freshness;
    private readonly Counter<long> _publishes;
    private readonly Counter<long> _driftFound;
    private readonly Counter<long> _driftRepaired;
    private readonly Counter<long> _ledgerLoads;

    public RollupMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _freshness = meter.CreateHistogram("eduinfo.rollup.freshness", "s",
            "From a journal row's commit to its level counting it (the summary carries its newest row's commit time)", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _publishes = meter.CreateCounter<long>("eduinfo.rollup.publishes", "{summary}", "Summaries published to the parent level");
        _driftFound = meter.CreateCounter<long>("eduinfo.rollup.drift.found", "{child}",
            "Children whose held summary differed from the journal at a periodic reconciliation (a lost or late update)");
        _driftRepaired = meter.CreateCounter<long>("eduinfo.rollup.drift.repaired", "{child}", "Of those, children pulled and repaired");
        _ledgerLoads = meter.CreateCounter<long>("eduinfo.class.ledger.loads", "{load}",
            "Class ledgers built, from their snapshot and the journal after it (source=snapshot) or from the whole year (source=journal)");
        // Every reconciling level scraped from the start at 0, so an increase is measured from 0 and not from nothing.
        foreach (var level in (NodeKind[])[NodeKind.Organization, NodeKind.District, NodeKind.Region, NodeKind.Republic])
        {
            _driftFound.Add(0, Level(level));
            _driftRepaired.Add(0, Level(level));
        }
    }

    /// <summary>A row committed at <paramref name="committed"/> is counted at <paramref name="level"/> at <paramref name="now"/>.</summary>
    public void Counted(NodeKind level, DateTimeOffset committed, DateTimeOffset now) =>
        _freshness.Record(Math.Max(0, (now - committed).TotalSeconds), Level(level));

    public void Published(NodeKind level) => _publishes.Add(1, Level(level));

    public void LedgerLoaded(bool fromSnapshot) =>
        _ledgerLoads.Add(1, new KeyValuePair<string, object?>("source", fromSnapshot ? "snapshot" : "journal"));

    public void Reconciled(NodeKind level, int found, int repaired)
    {
        if (found > 0)
        {
            _driftFound.Add(found, Level(level));
            _driftRepaired.Add(repaired, Level(level));
        }
    }

    private static KeyValuePair<string, object?> Level(NodeKind level) => new("level", level switch
    {
        NodeKind.Class => "class",
        NodeKind.Organization => "organization",
        NodeKind.District => "district",
        NodeKind.Region => "region",
        _ => "republic",
    });
}
