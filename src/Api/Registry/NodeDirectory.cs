using System.Collections.Concurrent;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Registry;

/// <summary>
/// Which grain answers for an id (area, organization or class) and its names, cached briefly: ids are opaque,
/// so the registry says what they are. Misses are not cached, so a node added by an import is found at once.
/// </summary>
public sealed class NodeDirectory(RegistryStore registry, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (NodeRecord Node, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<NodeRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!RegistryIds.IsWellFormed(id))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var hit) && hit.Until > now)
        {
            return hit.Node;
        }
        var node = await registry.FindNodeAsync(id, cancellationToken);
        if (node is not null)
        {
            _cache[id] = (node, now + Lifetime);
        }
        return node;
    }

    /// <summary>Drops a node whose names changed (an organization's profile), so this Api shows the new ones at once; others within <see cref="Lifetime"/>.</summary>
    public void Forget(string id) => _cache.TryRemove(id, out _);
}
