using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// A parent's pull of its classes (issue 26.5: a restart pulls every class of the country). A class told the watermark
/// its parent has just read answers from what it holds when it holds that watermark, and reads the journal and rebuilds
/// only when it does not; a class that a pull activated does not also publish the summary its parent pulled.
/// </summary>
public sealed class ClassPullTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DemoRegistry.CreateAsync(_db);

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<long> WatermarkAsync(string classId) =>
        _db.ScalarAsync<long>("SELECT coalesce((SELECT seq FROM class_watermarks WHERE class_id = @c), 0)", ("c", classId));

    private static MarkBatch Marks(DemoRegistry.Teaching t, int score) =>
        new(t.Roster.Select(s => new MarkEntry(Guid.NewGuid(), s, t.SubjectId, new DateOnly(2026, 11, 5), "formative", score, null)).ToList());

    [Fact]
    public async Task A_class_pulled_at_the_watermark_it_holds_answers_from_memory_and_one_pulled_past_it_rebuilds()
    {
        await using var cluster = await EduInfoTestCluster.StartAsync(_db, "class-pull-tests");
        var t = _registry.Teachings()[0];
        var cls = cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        Assert.True((await cls.RecordMarks(Actor.Teacher(t.TeacherId, "KZ"), Marks(t, 7))).Accepted);
        var held = await cls.Reconcile();
        Assert.Equal(await WatermarkAsync(t.ClassId), held.Version);

        // A row reaches the journal without the class hearing of it (a lost message).
        var organization = _registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        await new JournalStore(_db.DataSource).AppendMarksAsync(
            new JournalWriteContext("2026-2027", t.ClassId, t.ClassId, organization, t.TeacherId, null),
            [new NewMark(Guid.NewGuid(), t.Roster[0], t.SubjectId, new DateOnly(2026, 11, 6), MarkKind.Formative, 10, 10, [1])]);
        var moved = await WatermarkAsync(t.ClassId);
        Assert.True(moved > held.Version);

        // A parent that read the old watermark is answered from memory: the class does not ask the journal again.
        var trusted = await cls.ReconcileTo(held.Version);
        Assert.Equal((held.Version, held.Figures.FormativeMarks), (trusted.Version, trusted.Figures.FormativeMarks));
        // A parent that read the new one gets the class rebuilt to it, the row counted.
        var caughtUp = await cls.ReconcileTo(moved);
        Assert.Equal((moved, held.Figures.FormativeMarks + 1), (caughtUp.Version, caughtUp.Figures.FormativeMarks));
        // And a reconciliation without a version reads the journal itself, as before.
        Assert.Equal(moved, (await cls.Reconcile()).Version);
    }

    [Fact]
    public async Task An_organization_that_pulls_its_classes_is_not_sent_their_summaries_again_but_hears_their_next_write()
    {
        await using var cluster = await EduInfoTestCluster.StartAsync(_db, "class-pull-publish-tests");
        var t = _registry.Teachings()[0];
        var organizationId = _registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var classes = _registry.Data.Classes.Count(c => c.OrganizationId == organizationId);
        Assert.True(classes > 1, $"organization {organizationId} has {classes} classes");

        // The organization's first reconciliation activates and pulls each of its classes.
        var organization = cluster.Client.GetGrain<IOrganizationGrain>(organizationId);
        await organization.Reconcile();
        Assert.Equal(((long)classes, 0L), await organization.GetDiagnostics() is var pulled ? (pulled.ChildUpdatesAccepted, pulled.ChildUpdatesIgnored) : default);

        // A write after the pulls is published; the organization's stream is one queue, so once the write is counted
        // every publish sent before it has been too: none of them was a pulled summary sent again.
        Assert.True((await cluster.Client.GetGrain<IClassGrain>(t.ClassId).RecordMarks(Actor.Teacher(t.TeacherId, "KZ"), Marks(t, 9))).Accepted);
        var written = await WatermarkAsync(t.ClassId);
        var heard = await Eventually.MatchesAsync(organization.GetDiagnostics, d => d.ChildUpdatesAccepted == classes + 1, TimeSpan.FromSeconds(30),
            "the organization hears the write");
        Assert.Equal(0L, heard.ChildUpdatesIgnored);
        Assert.Equal(written, (await cluster.Client.GetGrain<IClassGrain>(t.ClassId).GetSummary()).Version);
    }
}
