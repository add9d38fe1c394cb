using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;

namespace EduInfo.Grains.EServices;

/// <summary>
/// A parent's claims of their children (issue 22): validated as an enrolment validates a person (the IIN's check digit
/// and birth date), written with the audit row. A claim is unconfirmed until an office checks the birth certificate.
/// </summary>
public sealed class ApplicantGrain(ApplicationStore store, IKazakhstanClock clock) : Grain, IApplicantGrain
{
    public async Task<ApplicationOutcome> ClaimChild(Actor actor, ChildClaimRequest request)
    {
        var parentId = this.GetPrimaryKeyString();
        if (ServiceParties.ApplicantOf(actor) != parentId)
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        var claim = new ChildClaim(request.Iin, request.LastName, request.FirstName, request.MiddleName, request.BirthDate, request.BirthCertificate);
        if (ChildClaimRules.Validate(claim, clock.Today) is { Count: > 0 } problems)
        {
            return new ApplicationOutcome(ApplicationStatus.Invalid, [.. problems.Select(p => new ApplicationProblem(p.Field, ProblemKeys.CodeOf(ProblemKeys.Of(p.Error)), ProblemKeys.Of(p.Error)))]);
        }
        var id = Guid.NewGuid();
        var written = await store.ClaimChildAsync(id, parentId, claim, clock.UtcNow,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "child.claim", "parent", parentId, null, "committed"));
        return written == ChildClaimWrite.Done ? ApplicationOutcome.Done(id) : ApplicationOutcome.Refused(ApplicationStatus.Conflict, "iin", "alreadyClaimed");
    }
}

/// <summary>The catalogue's one writer: an operator's change of a service's term or window, checked and audited.</summary>
public sealed class ServiceCatalogueGrain(ApplicationStore store, ServiceDesk desk, IKazakhstanClock clock) : Grain, IServiceCatalogueGrain
{
    public async Task<ApplicationOutcome> Change(Actor actor, ServiceKind service, ServiceSettingChange change)
    {
        if (!actor.Grants.Any(g => g.Role == Role.Operator))
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        var problems = new List<ApplicationProblem>();
        var definition = ServiceCatalogue.Of(service);
        if (change.DecisionWorkingDays is { } days && (days < 1 || days > LabourCalendar.MaxWorkingDays || definition.DecisionWorkingDays is null))
        {
            problems.Add(new("decisionWorkingDays", "termInvalid"));
        }
        ApplicationWindow? window = null;
        var parts = new[] { change.WindowFromMonth, change.WindowFromDay, change.WindowToMonth, change.WindowToDay };
        if (parts.Any(p => p is not null))
        {
            if (parts.Any(p => p is null) || !IsDay(change.WindowFromMonth!.Value, change.WindowFromDay!.Value)
                || !IsDay(change.WindowToMonth!.Value, change.WindowToDay!.Value) || definition.Window is null)
            {
                problems.Add(new("window", "windowInvalid"));
            }
            else
            {
                window = new ApplicationWindow(change.WindowFromMonth.Value, change.WindowFromDay.Value, change.WindowToMonth.Value, change.WindowToDay.Value);
            }
        }
        if (problems.Count > 0)
        {
            return new ApplicationOutcome(ApplicationStatus.Invalid, problems);
        }
        // What the change leaves out stays as it was.
        var current = (await store.SettingsAsync()).FirstOrDefault(s => s.Service == service);
        await store.SaveSettingAsync(new ServiceSetting(service, change.DecisionWorkingDays ?? current?.DecisionWorkingDays, window ?? current?.Window), clock.UtcNow,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "service.change", "service", ApplicationStore.Text(service), null, "committed"));
        desk.Invalidate();
        return new ApplicationOutcome(ApplicationStatus.Done, []);
    }

    // 29 February is a day of some years only: a window ending on it would close on 28 February in the others.
    private static bool IsDay(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2027, month);
}
