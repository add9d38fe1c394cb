using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// Deadlines on Orleans reminders (issue 22, item 4), on a real cluster over PostgreSQL with the reminder periods
/// lowered and the domain clock pinned to Friday 27 November 2026, 11:00: the deadline is the row's, the reminder only
/// wakes the grain. Past the deadline an application is escalated once — though its reminder fires on another silo
/// after the one hosting it stopped, and though it is woken again and again; an application decided in time drops its
/// reminder and is never escalated; after a restore (reminder rows gone) the start-up sweep registers them again.
/// </summary>
public sealed class DeadlineReminderTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<InProcessTestCluster> StartAsync(string serviceId, FakeTimeProvider time, short silos) =>
        EduInfoTestCluster.StartAsync(_db, serviceId, silos, new KazakhstanClock(time),
            configureSilo: silo => silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            }),
            overrides: new Dictionary<string, string?> { ["EServices:ReminderPeriod"] = "00:00:01" });

    private string ParentId => _registry.Data.StudentParents.Select(p => p.ParentId).Order().First();

    private Actor Parent => new("reminder-parent", [new ActorGrant(Role.Parent, ParentId)], ParentId, null);

    private string District => _registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).First().NodeId;

    private Actor Officer => new("reminder-officer", [new ActorGrant(Role.DistrictOfficer, District)], null, null);

    /// <summary>A two-year-old named by the parent and put in the district's kindergarten queue: due one working day on.</summary>
    private async Task<(Guid Id, string Certificate)> QueueAsync(IGrainFactory grains)
    {
        var iin = EduInfo.IntegrationTests.Api.PupilApiTests.FreshIin("240312", '5');
        var certificate = "I-АЛ " + Random.Shared.Next(1000000, 9999999);
        var claim = await grains.GetGrain<IApplicantGrain>(ParentId).ClaimChild(Parent,
            new ChildClaimRequest(iin, "Сәрсенова", "Айару", null, new DateOnly(2024, 3, 12), certificate));
        Assert.True(claim.Status == ApplicationStatus.Done, string.Join(",", claim.Problems));
        var id = Guid.NewGuid();
        var filed = await grains.GetGrain<IServiceApplicationGrain>(id).File(Parent,
            new ApplicationFilingRequest(ServiceKind.KindergartenQueue, claim.ApplicationId, null, District, [ServiceDocument.BirthCertificate]));
        Assert.True(filed.Status == ApplicationStatus.Done, string.Join(",", filed.Problems));
        return (id, certificate);
    }

    private Task<long> RemindersAsync(Guid id) =>
        _db.ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'deadline' AND (grainid LIKE @n OR grainid LIKE @d)",
            ("n", $"%{id:N}%"), ("d", $"%{id:D}%"));

    private Task<long> EscalationsAsync(Guid id) =>
        _db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'application.escalate' AND target_id = @id", ("id", id.ToString()));

    [Fact]
    public async Task Past_its_deadline_an_application_is_escalated_once_by_a_reminder_that_fires_on_another_silo()
    {
        var time = TestClock.Fake();
        await using var cluster = await StartAsync("reminders", time, silos: 2);
        var grains = cluster.Client;
        var (late, _) = await QueueAsync(grains);
        var (decided, certificate) = await QueueAsync(grains);
        Assert.Equal("2026-11-30", (await _db.ScalarAsync<DateOnly>("SELECT due_on FROM service_applications WHERE id = @id", ("id", late))).ToString("yyyy-MM-dd"));
        await Eventually.MatchesAsync(() => RemindersAsync(late), n => n == 1, TimeSpan.FromSeconds(30), "the late one's reminder registered");
        Assert.Equal(1, await RemindersAsync(decided));

        // The office decides one in time: its reminder goes with the decision.
        var office = grains.GetGrain<IServiceApplicationGrain>(decided);
        Assert.Equal(ApplicationStatus.Done, (await office.ConfirmLink(Officer, new LinkConfirmationRequest(certificate))).Status);
        Assert.Equal(ApplicationStatus.Done, (await office.Act(Officer, new ApplicationStepRequest(ApplicationAction.Take))).Status);
        Assert.Equal(ApplicationStatus.Done, (await office.Act(Officer, new ApplicationStepRequest(ApplicationAction.Enqueue))).Status);
        await Eventually.MatchesAsync(() => RemindersAsync(decided), n => n == 0, TimeSpan.FromSeconds(30), "the decided one's reminder dropped");

        // The silo hosting the late one stops; the clock passes the deadline; the other silo's reminder service wakes it.
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IServiceApplicationGrain>(late))
            ?? throw new InvalidOperationException("The application's grain is not active.");
        var hosting = cluster.Silos.Single(s => s.SiloAddress.Equals(host));
        await cluster.StopSiloAsync(hosting);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero)); // Tuesday 1 December, 11:00: a working day late
        await Eventually.MatchesAsync(() => EscalationsAsync(late), n => n == 1, TimeSpan.FromSeconds(60), "the late application escalated");
        var survivor = cluster.Silos.Single().SiloAddress;
        Assert.Equal(survivor, await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IServiceApplicationGrain>(late)));

        // Woken again and again, at once: still one escalation; its reminder is gone, and the one decided in time never escalated.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grains.GetGrain<IServiceApplicationGrain>(late).Wake()));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await EscalationsAsync(late));
        Assert.Equal(0, await RemindersAsync(late));
        Assert.Equal(0, await EscalationsAsync(decided));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE id = @id AND escalated_at IS NOT NULL", ("id", late)));
    }

    [Fact]
    public async Task After_a_restore_without_reminder_rows_the_start_up_sweep_registers_them_again()
    {
        var time = TestClock.Fake();
        Guid open;
        await using (var first = await StartAsync("sweep", time, silos: 1))
        {
            (open, _) = await QueueAsync(first.Client);
            await Eventually.MatchesAsync(() => RemindersAsync(open), n => n == 1, TimeSpan.FromSeconds(30), "the reminder registered");
        }
        // A backup keeps the reminder table's schema only.
        await _db.ExecuteAsync("DELETE FROM orleansreminderstable");
        await using var second = await StartAsync("sweep", time, silos: 1);
        await Eventually.MatchesAsync(() => RemindersAsync(open), n => n == 1, TimeSpan.FromSeconds(60), "the sweep registered the reminder again");
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        await Eventually.MatchesAsync(() => EscalationsAsync(open), n => n == 1, TimeSpan.FromSeconds(60), "the restored application escalated");
    }
}
