using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// A node's programme targets (order point 4), keyed by the node id: their one writer. Its own grain, not the area's,
/// because a request for an organization or a class must be answered (it is no area) without activating an area grain
/// for it.
/// </summary>
public interface IRegionalTargetGrain : IGrainWithStringKey
{
    /// <summary>Sets (or replaces) the node's target for a metric, in percent; audited (the caller's right is checked by the Api).</summary>
    Task<RegistryOutcome> Set(Actor actor, string metric, decimal? targetPercent);
}
