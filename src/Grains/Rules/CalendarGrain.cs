using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Grains.Rules;

/// <summary>
/// The calendar of one academic year for one kind of organization (key <c>2026-2027/school</c>); its single writer.
/// The clock's academic year and the next always have one: when none is loaded, the synthetic calendar is generated,
/// stored and marked so (audited as the system's), until an operator sets the real one.
/// </summary>
public sealed class CalendarGrain(AssessmentStore store, EduInfo.Storage.Registry.RegistryStore registry, IKazakhstanClock clock) : Grain, ICalendarGrain
{
    private AcademicCalendarDocument? _calendar;
    private string _digest = RulesDigest.Of<AcademicCalendarDocument?>(null);
    private string _year = "";
    private string _kind = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString().Split('/');
        (_year, _kind) = key.Length == 2 ? (key[0], key[1]) : ("", "");
        if (IsKnown)
        {
            Hold(await store.ReadCalendarAsync(_year, _kind, cancellationToken) ?? await GenerateAsync(cancellationToken));
        }
    }

    private async Task<AcademicCalendarDocument?> GenerateAsync(CancellationToken cancellationToken)
    {
        var live = AcademicCalendar.YearOf(clock.Today);
        if (_year != live && _year != AcademicCalendar.Next(live))
        {
            return null;
        }
        await store.WriteCalendarAsync(_year, _kind, SyntheticCalendar.For(_year, _kind),
            new AuditEntry("system", [], null, "calendar.generate", "calendar", this.GetPrimaryKeyString(), null, "committed"), cancellationToken);
        return await store.ReadCalendarAsync(_year, _kind, cancellationToken);
    }

    private bool IsKnown => System.Text.RegularExpressions.Regex.IsMatch(_year, "^[0-9]{4}-[0-9]{4}$") && AssessmentStore.OrganizationKinds.Contains(_kind);

    private void Hold(AcademicCalendarDocument? calendar) => (_calendar, _digest) = (calendar, RulesDigest.Of(calendar));

    public Task<AcademicCalendarDocument?> Get() => Task.FromResult(_calendar);

    public Task<string> GetDigest() => Task.FromResult(_digest);

    public async Task<IReadOnlyList<EntryProblem>> Set(Actor actor, AcademicCalendarDocument calendar)
    {
        if (!IsKnown)
        {
            return [new EntryProblem("organizationKind", JournalError.OrganizationKindUnknown, [])];
        }
        calendar = calendar with { Synthetic = false }; // set by an operator: the real calendar from now on
        var problems = SchoolCalendar.Validate(_year, calendar, _calendar, clock.Today);
        if (problems.Count > 0)
        {
            return problems;
        }
        var detail = JsonSerializer.Serialize(new { terms = calendar.Terms?.Count ?? 0, days = calendar.Days?.Count ?? 0 });
        await store.WriteCalendarAsync(_year, _kind, calendar,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "calendar.set", "calendar", this.GetPrimaryKeyString(), null, "committed", detail));
        Hold(await store.ReadCalendarAsync(_year, _kind));
        // The classes of this kind and year move to a new version; the reconciliation refreshes their figures.
        await registry.BumpClassVersionsAsync(_kind, _year);
        return [];
    }
}
