using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.Api.Registry;

/// <summary>Subjects' names in each language, for labels; read once and kept for five minutes (an import may add one).</summary>
public sealed class SubjectNames(RegistryStore registry, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private volatile Snapshot? _cache; // one reference: readers never see half of a refresh

    /// <summary>The subject's name in <paramref name="language"/>, or its id when the registry has no such subject.</summary>
    public async Task<string> NameAsync(string subjectId, string language, CancellationToken cancellationToken)
    {
        var cache = await SnapshotAsync(cancellationToken);
        return cache.Subjects.TryGetValue(subjectId, out var s) ? Messages.Pick(language, s.NameKk, s.NameRu, s.NameEn) : subjectId;
    }

    /// <summary>Every subject with its name in <paramref name="language"/>, by name (for a page's choice).</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AllAsync(string language, CancellationToken cancellationToken)
    {
        var cache = await SnapshotAsync(cancellationToken);
        return [.. cache.Subjects.Values.Select(s => (s.Id, Messages.Pick(language, s.NameKk, s.NameRu, s.NameEn))).OrderBy(s => s.Item2, StringComparer.CurrentCulture)];
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cache = _cache;
        if (cache is null || cache.Until <= now)
        {
            var subjects = await registry.SubjectsAsync(cancellationToken);
            _cache = cache = new Snapshot(subjects.ToDictionary(s => s.Id, StringComparer.Ordinal), now + Lifetime);
        }
        return cache;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, SubjectRow> Subjects, DateTimeOffset Until);
}
