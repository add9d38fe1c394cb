using EduInfo.Grains.Interfaces.Journal;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// Issue #14.3: Orleans has no transaction across the two classes of a transfer. The database moves the enrolment and
/// both classes' watermarks in one statement, and the classes are told afterwards; when the destination class is never
/// told (its refresh lost, as when its silo dies mid-call), the periodic reconciliation finds it behind its watermark
/// and rebuilds it. The faults are injected with a silo call filter, which also holds the reconciliation of that class
/// back until the damage has been seen.
/// </summary>
public sealed class LostTransferNotificationTests(LostTransferNotificationTests.Host api) : IClassFixture<LostTransferNotificationTests.Host>
{
    /// <summary>The Api with its co-hosted silo, reconciling every second (the RollupReconciler, as in production, only sooner).</summary>
    public sealed class Host : ApiHost
    {
        /// <summary>Calls of <see cref="IClassGrain.Refresh"/> to this class are lost.</summary>
        public volatile string? LoseRefreshOf;

        /// <summary>This class refuses to reconcile while set (the parents retry at every interval).</summary>
        public volatile string? HoldReconcileOf;

        public int RefreshesLost;
        public int ReconcilesHeld;

        protected override void Configure(IDictionary<string, string?> settings) => settings["Rollup:ReconcileInterval"] = "00:00:01";

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(new Faults(this));

        private sealed class Faults(Host host) : IIncomingGrainCallFilter
        {
            public async Task Invoke(IIncomingGrainCallContext call)
            {
                var toClass = call.TargetContext.GrainInstance is IClassGrain ? call.TargetContext.GrainId.Key.ToString() : null;
                if (toClass is not null && toClass == host.LoseRefreshOf && call.InterfaceMethod?.Name == nameof(IClassGrain.Refresh))
                {
                    Interlocked.Increment(ref host.RefreshesLost);
                    throw new TimeoutException("injected: the refresh was lost");
                }
                if (toClass is not null && toClass == host.HoldReconcileOf && call.InterfaceMethod?.Name is nameof(IClassGrain.Reconcile) or nameof(IClassGrain.ReconcileTo))
                {
                    Interlocked.Increment(ref host.ReconcilesHeld);
                    throw new TimeoutException("injected: the class does not answer the reconciliation yet");
                }
                await call.Invoke();
            }
        }
    }

    [Fact]
    public async Task A_destination_class_never_told_of_a_transfer_is_repaired_by_the_reconciliation_up_to_the_republic()
    {
        var data = api.Registry.Data;
        var school = data.Classes.Where(c => data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school")
            .GroupBy(c => c.OrganizationId).Skip(1).First();
        var (a, b) = (school.First().Id, school.Skip(1).First().Id);
        var teaching = api.Registry.Teachings().First(t => t.ClassId == a);
        var student = teaching.Roster[0];
        var ancestors = new List<string> { school.Key };
        for (var node = data.Organizations.Single(o => o.Id == school.Key).NodeId; node is not null; node = data.Nodes.Single(n => n.Id == node).ParentId)
        {
            ancestors.Add(node);
        }
        Assert.Equal("KZ", ancestors[^1]);

        // A mark in A before the transfer: from the transfer on, the student's term result counts in B.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{a}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = student, subjectId = teaching.SubjectId, date = "2026-11-16", kind = "formative", score = 6 } },
        }, $"user={teaching.TeacherId}; roles=teacher")).Status);
        await SettledAsync();
        var before = await StudentsAsync(a, b);

        api.LoseRefreshOf = b;
        api.HoldReconcileOf = b;
        var moved = await api.Http.PostJsonAsync($"/api/v1/students/{student}/transfers",
            new { toClassId = b, date = "2026-11-20", reason = "Parents' request" }, $"user=head; roles=head@{school.Key}");
        Assert.True(moved.Status == 200, $"{moved.Status} {moved.Body}");
        Assert.Equal(a, moved.Body.GetProperty("fromClassId").GetString());
        Assert.Equal(1, api.RefreshesLost);

        // The damage, and that nothing but the reconciliation repairs it: A was told, B was not, and while B does not
        // answer the reconciliation (tried again at every interval) it stays where it was.
        await Eventually.MatchesAsync(() => Task.FromResult(Volatile.Read(ref api.ReconcilesHeld)), held => held >= 2, TimeSpan.FromSeconds(30),
            "the reconciliation tried B at least twice");
        Assert.Equal((before.A - 1, before.B), await StudentsAsync(a, b));
        var stale = await RecountComparison.MismatchesAsync(api.Http, api.Db.DataSource, [b], TestClock.Today);
        Assert.Contains($"{b}/year/all/students: expected {before.B + 1}, actual {before.B}", stale);
        Assert.Contains(stale, m => m.StartsWith($"{b}/term 2/{teaching.SubjectId}/termResults:", StringComparison.Ordinal));

        // B answers again: the next reconciliation sees it behind its watermark, it rebuilds, and every level up to the
        // republic agrees with the journal, to the figure.
        api.HoldReconcileOf = null;
        await SettledAsync();
        Assert.Equal((before.A - 1, before.B + 1), await StudentsAsync(a, b));
        RecountComparison.AssertNone(
            await RecountComparison.MismatchesAsync(api.Http, api.Db.DataSource, [a, b, .. ancestors], TestClock.Today),
            "after a lost transfer notification and a reconciliation");
        Assert.Equal(1, api.RefreshesLost); // repaired by the reconciliation, not by a refresh
    }

    /// <summary>Until the republic's version is the sum of every class's watermark (read again each time: the day roll moves them all).</summary>
    private Task SettledAsync() => Eventually.MatchesAsync(async () =>
        (Watermarks: await api.Db.ScalarAsync<long>("SELECT sum(seq) FROM class_watermarks"),
         Republic: (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary")).Body.GetProperty("version").GetInt64()),
        v => v.Watermarks == v.Republic, TimeSpan.FromSeconds(60), "the republic at every class's watermark");

    private async Task<(long A, long B)> StudentsAsync(string a, string b) => (
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{a}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64(),
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{b}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64());
}
