using EduInfo.Api.Cluster;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// What most handlers take besides their route values and body, bound as one parameter (<c>[AsParameters]</c>): the
/// request (its language and problem details), the caller its endpoint's access check resolved, the grains, and the
/// request's cancellation.
/// </summary>
public sealed record EndpointCall(HttpContext Http, Caller Caller, IGrainFactory Grains, ClusterCalls Calls, CancellationToken Aborted)
{
    public Actor Actor => Caller.Actor;

    /// <summary>A grain call that is safe to repeat, retried through a silo loss within the request's budget.</summary>
    public Task<T> IdempotentAsync<T>(Func<IGrainFactory, Task<T>> call) => Calls.IdempotentAsync(() => call(Grains), Aborted);
}
