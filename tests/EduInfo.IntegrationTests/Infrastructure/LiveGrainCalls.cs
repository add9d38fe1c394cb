using System.Collections.Concurrent;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Grain call filters of a co-hosted silo for the live views' tests: counts the calls summary nodes and student grains
/// take, by method and grain key, and loses pushes to watchers on demand.
/// </summary>
public sealed class LiveGrainCalls : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Method, string Key), int> _calls = new();
    private long _lost;

    /// <summary>While set, every push to a summary watcher is dropped (as if its message were lost).</summary>
    public volatile bool LosePushes;

    /// <summary>Pushes dropped so far.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Calls of <paramref name="method"/> (e.g. <c>Watch</c>, <c>GetSummary</c>) the grain keyed <paramref name="key"/> took.</summary>
    public int Count(string method, string key) => _calls.GetValueOrDefault((method, key));

    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<IIncomingGrainCallFilter>(this);
        services.AddSingleton<IOutgoingGrainCallFilter>(this);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod is { DeclaringType: { } type } method
            && (typeof(ISummaryNode).IsAssignableFrom(type) || type == typeof(IStudentGrain)))
        {
            _calls.AddOrUpdate((method.Name, context.TargetContext.GrainId.Key.ToString()!), 1, (_, n) => n + 1);
        }
        await context.Invoke();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (LosePushes && context.InterfaceMethod?.DeclaringType == typeof(ISummaryObserver))
        {
            Interlocked.Increment(ref _lost);
            return;
        }
        await context.Invoke();
    }
}
