using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>Aggregates cache their children's summaries in ADO.NET grain storage and reconcile against the journal.</summary>
public sealed class RollupCacheTests : IAsyncLifetime
{
    private const string ServiceId = "rollup-cache-tests";
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<long> ExpectedRepublicVersion() => _db.ScalarAsync<long>("SELECT coalesce(sum(seq), 0) FROM class_watermarks");

    private Task<long> FormativeMarksInJournal() => _db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE mark_kind = 'formative'");

    [Fact]
    public async Task The_republic_restarts_from_its_cache_and_reconciles_what_the_journal_moved_meanwhile()
    {
        long versionBefore;
        SummaryFigures figuresBefore;
        await using (var first = await EduInfoTestCluster.StartAsync(_db, ServiceId))
        {
            foreach (var t in _registry.Teachings().Take(6))
            {
                var batch = new MarkBatch(t.Roster.Select(s => new MarkEntry(Guid.NewGuid(), s, t.SubjectId, new DateOnly(2026, 11, 5), "formative", 8, null)).ToList());
                Assert.True((await first.Client.GetGrain<IClassGrain>(t.ClassId).RecordMarks(Actor.Teacher(t.TeacherId, "KZ"), batch)).Accepted);
            }
            var expected = await ExpectedRepublicVersion();
            var republic = first.Client.GetGrain<IAreaGrain>("KZ");
            var summary = await Eventually.MatchesAsync(republic.GetSummary, s => s.Version == expected, TimeSpan.FromSeconds(30), "republic version");
            Assert.Equal(await FormativeMarksInJournal(), summary.Figures.FormativeMarks);
            (versionBefore, figuresBefore) = (summary.Version, summary.Figures);
        } // a graceful stop deactivates every grain, and deactivation writes the cache

        await using var second = await EduInfoTestCluster.StartAsync(_db, ServiceId);
        var restarted = second.Client.GetGrain<IAreaGrain>("KZ");
        var diagnostics = await restarted.GetDiagnostics();
        Assert.True(diagnostics.LoadedFromCache);
        Assert.Equal(versionBefore, diagnostics.CachedVersion);
        Assert.Equal(versionBefore, diagnostics.Version);
        Assert.Equal(diagnostics.Children, diagnostics.ChildUpdatesAccepted); // the cache matched the journal: no child was pulled
        Assert.Equal(figuresBefore, (await restarted.GetSummary()).Figures);

        // Rows that reach the journal without any grain hearing of them (a lost message) are found by reconciliation.
        var t2 = _registry.Teachings()[10];
        var organization = _registry.Data.Classes.Single(c => c.Id == t2.ClassId).OrganizationId;
        await new JournalStore(_db.DataSource).AppendMarksAsync(
            new JournalWriteContext("2026-2027", t2.ClassId, t2.ClassId, organization, t2.TeacherId, null),
            [new NewMark(Guid.NewGuid(), t2.Roster[0], t2.SubjectId, new DateOnly(2026, 11, 6), MarkKind.Formative, 10, 10, [1])]);
        var reconciled = await restarted.Reconcile();
        Assert.Equal(await ExpectedRepublicVersion(), reconciled.Version);
        Assert.Equal(figuresBefore.FormativeMarks + 1, reconciled.Figures.FormativeMarks);
        Assert.Equal(figuresBefore.FormativeScoreSum + 10, reconciled.Figures.FormativeScoreSum);
    }

    /// <summary>
    /// A cache written under an older layout of the figures (issue 16 split them by kind of organization) is dropped,
    /// not trusted: the children's versions still match the journal, so only the layout tells that what they count moved.
    /// </summary>
    [Fact]
    public async Task A_cache_of_an_older_layout_of_the_figures_is_dropped_and_the_children_pulled_afresh()
    {
        SummaryFigures figuresBefore;
        await using (var first = await EduInfoTestCluster.StartAsync(_db, ServiceId + "-layout"))
        {
            var republic = first.Client.GetGrain<IAreaGrain>("KZ");
            var expected = await ExpectedRepublicVersion();
            figuresBefore = (await Eventually.MatchesAsync(republic.GetSummary, s => s.Version == expected, TimeSpan.FromSeconds(30), "republic version")).Figures;
        }

        await using var second = await EduInfoTestCluster.StartAsync(_db, ServiceId + "-layout");
        // Rewrite the stored cache as an older build left it: layout 0, and a child's figures that no longer mean the same.
        var storage = second.Silos[0].SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(RollupStorage.Name);
        var grainId = second.Client.GetGrain<IAreaGrain>("KZ").GetGrainId();
        var stored = new GrainState<RollupState>();
        await storage.ReadStateAsync("rollup", grainId, stored);
        Assert.True(stored.RecordExists);
        Assert.Equal(RollupState.CurrentLayout, stored.State!.Layout);
        var (childId, child) = stored.State.Children.First();
        stored.State.Children[childId] = child with { Figures = child.Figures with { SchoolStudents = child.Figures.SchoolStudents + 1_000 } };
        stored.State.Layout = 0;
        await storage.WriteStateAsync("rollup", grainId, stored);

        var restarted = second.Client.GetGrain<IAreaGrain>("KZ");
        var diagnostics = await restarted.GetDiagnostics();
        Assert.False(diagnostics.LoadedFromCache);
        var version = await ExpectedRepublicVersion();
        var summary = await Eventually.MatchesAsync(restarted.GetSummary, s => s.Version == version, TimeSpan.FromSeconds(30), "republic version");
        Assert.Equal(figuresBefore, summary.Figures);
    }
}
