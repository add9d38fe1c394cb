using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;

namespace EduInfo.Storage.EServices;

/// <summary>
/// The catalogue in force (<see cref="ServiceCatalogue.Default"/> with what operators changed) and the labour calendar
/// (the declared days), read from PostgreSQL and kept for a minute: a change reaches every silo within it.
/// </summary>
public sealed class ServiceDesk(ApplicationStore store, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<ServiceDefinition> Catalogue, LabourCalendar Calendar);

    // Replaced whole, never changed in place: a reader sees one snapshot or another, never half of one.
    private Snapshot? _cached;

    public async Task<IReadOnlyList<ServiceDefinition>> CatalogueAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Catalogue;

    public async Task<LabourCalendar> CalendarAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Calendar;

    /// <summary>Forgets what was read, so the next call reads the change just written (the writer's own process).</summary>
    public void Invalidate() => Volatile.Write(ref _cached, null);

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _cached) is { } cached && now - cached.At < Freshness)
        {
            return cached;
        }
        var settings = (await store.SettingsAsync(cancellationToken)).ToDictionary(s => s.Service);
        IReadOnlyList<ServiceDefinition> catalogue = [.. ServiceCatalogue.Default.Select(s => settings.TryGetValue(s.Kind, out var change) ? Apply(s, change) : s)];
        var loaded = new Snapshot(now, catalogue, new LabourCalendar(await store.LabourDaysAsync(cancellationToken)));
        Volatile.Write(ref _cached, loaded);
        return loaded;
    }

    /// <summary>A service's term and window as an operator set them; a service carried out at once keeps having no term.</summary>
    public static ServiceDefinition Apply(ServiceDefinition service, ServiceSetting setting) => service with
    {
        DecisionWorkingDays = service.DecisionWorkingDays is null ? null : setting.DecisionWorkingDays ?? service.DecisionWorkingDays,
        Window = setting.Window ?? service.Window,
    };
}
