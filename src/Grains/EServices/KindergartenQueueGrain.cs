using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Storage.EServices;

namespace EduInfo.Grains.EServices;

/// <summary>
/// A district's kindergarten queue of one birth year (issue 22): its positions' one writer, so two changes at once never
/// record interleaved places. Each reconcile stores, with the cause given, every child whose place now differs from the
/// place last recorded — a second call with nothing changed records nothing.
/// </summary>
public sealed class KindergartenQueueGrain(ApplicationStore store, IKazakhstanClock clock) : Grain, IKindergartenQueueGrain
{
    public async Task Reconcile(QueueChangeCause cause)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        var (district, year) = (key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var now = (await store.QueueEntriesAsync(district, year)).Select((e, i) => (e.ApplicationId, Place: i + 1))
            .ToDictionary(p => p.ApplicationId, p => p.Place, StringComparer.Ordinal);
        var recorded = await store.RecordedPlacesAsync(district, year);
        var changes = recorded.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new PositionChange(id, recorded.TryGetValue(id, out var was) ? was : null, now.TryGetValue(id, out var to) ? to : null, cause))
            .Where(c => c.From != c.To)
            .ToList();
        await store.RecordPositionsAsync(district, year, changes, clock.UtcNow);
    }

    public static string KeyOf(string districtId, int birthYear) => $"{districtId}/{birthYear}";
}
