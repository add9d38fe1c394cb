using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>Whether a push or a renewal's answer replaces what a live entry holds.</summary>
public static class LiveNews
{
    /// <summary>
    /// A node's versions only grow, so an older one (a push and a renewal's answer crossing) is not news, nor the same
    /// one again — except a node that has caught up, which says so at the version it had while catching up (never the
    /// reverse: a late push from before would show it catching up again). A student's watermark can also fall (a voided
    /// mark), so any other value is news. Nothing is news to an ended entry.
    /// </summary>
    public static bool Is(LiveTopic topic, LiveState held, long version, NodeSummary? offered) =>
        !held.Ended
        && !(topic == LiveTopic.Node && held.Version > version)
        && (held.Version != version || (held.Summary is { CatchingUp: true } && offered is { CatchingUp: false }));
}
