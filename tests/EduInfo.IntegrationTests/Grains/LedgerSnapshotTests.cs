using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// A class starts from its ledger snapshot and the journal after it (issue 26.5): the figures equal the recount even when
/// the snapshot is stale and the rules changed since; a snapshot that cannot be brought forward is not used.
/// </summary>
public sealed class LedgerSnapshotTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
        _cluster = await EduInfoTestCluster.StartAsync(_db, "ledger-snapshot-tests");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static Actor TeacherActor(string teacherId) => Actor.Teacher(teacherId, "KZ", "127.0.0.1");

    [Fact]
    public async Task A_stale_snapshot_the_rows_after_it_and_a_new_policy_equal_the_recount()
    {
        var t = _registry.InSchoolClass(0);
        var grain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        await WriteAsync(t, first: true);
        var written = await WatermarkAsync(t.ClassId);
        await _cluster.DeactivateAsync(grain);
        var stale = await SnapshotAsync(t.ClassId);
        // Written on deactivation, up to date (the day's roll may move every class's watermark at any time: at least).
        Assert.True(stale.Watermark >= written, $"snapshot at {stale.Watermark}, class written up to {written}");

        // More rows, then a policy that moves the term percentages of the rows on both sides of the snapshot.
        await WriteAsync(t, first: false);
        var before = await RecountAsync(t.ClassId);
        await _db.ExecuteAsync("""
            UPDATE assessment_policies SET policy = jsonb_set(policy, '{weights}', '{"formative":40,"section":30,"term":30}')
            WHERE org_kind = 'school' AND effective_from = '2020-09-01'
            """);
        await _cluster.DeactivateAsync(_cluster.Client.GetGrain<IAssessmentPolicyGrain>("school"));
        var expected = await RecountAsync(t.ClassId);
        Assert.NotEmpty(RecountComparison.Compare(before, ToCells(t.ClassId, expected))); // the policy does move figures

        // The class restarts from the stale snapshot: what its deactivation wrote is put back.
        await _cluster.DeactivateAsync(grain);
        await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET watermark = @w, data = @d, scope_rows = @r WHERE class_id = @c",
            ("w", stale.Watermark), ("d", stale.Data), ("r", stale.ScopeRows), ("c", t.ClassId));
        await BehindItsBackAsync(grain);
        Assert.True(await WatermarkAsync(t.ClassId) > stale.Watermark);

        var summary = await grain.GetSummary();
        RecountComparison.AssertNone(RecountComparison.Compare(expected, ToCells(summary)), "a stale snapshot, rows after it, a new policy");
        // Started from the snapshot: a class that counted its whole year at activation stores it at once.
        Assert.Equal(stale.Watermark, (await SnapshotAsync(t.ClassId)).Watermark);
    }

    [Theory]
    [InlineData("a correction after it")]
    [InlineData("another basis")]
    [InlineData("another format")]
    [InlineData("corrupt data")]
    [InlineData("ahead of the class")]
    public async Task A_snapshot_that_cannot_be_brought_forward_is_not_used_and_the_class_counts_its_year(string why)
    {
        var t = _registry.InSchoolClass(1);
        var grain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        var written = await WriteAsync(t, first: true);
        await _cluster.DeactivateAsync(grain);
        var stored = await SnapshotAsync(t.ClassId);
        await WriteAsync(t, first: false);
        await _cluster.DeactivateAsync(grain);
        await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET watermark = @w, data = @d, scope_rows = @r WHERE class_id = @c",
            ("w", stored.Watermark), ("d", stored.Data), ("r", stored.ScopeRows), ("c", t.ClassId));
        switch (why)
        {
            case "a correction after it":
                // Written behind the grain's back (it is not active): a mark of the first batch replaced by a 1.
                await _db.ExecuteAsync("""
                    INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                         student_id, mark_kind, score, max_score, supersedes, reason, author_id, payload_hash)
                    SELECT academic_year, gen_random_uuid(), entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                           student_id, mark_kind, 1, max_score, seq, 'typo', author_id, '\x00'
                    FROM journal WHERE seq = @s
                    """, ("s", written));
                await _db.ExecuteAsync("UPDATE class_watermarks SET seq = (SELECT max(seq) FROM journal) WHERE class_id = @c", ("c", t.ClassId));
                break;
            case "another basis":
                await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET basis = 'another' WHERE class_id = @c", ("c", t.ClassId));
                break;
            case "another format":
                await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET format = 0 WHERE class_id = @c", ("c", t.ClassId));
                break;
            case "corrupt data":
                await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET data = substring(data FROM 1 FOR length(data) - 3) WHERE class_id = @c", ("c", t.ClassId));
                break;
            case "ahead of the class":
                // Counted with rows this journal does not have (say, restored from an older backup): its sums would be too high.
                await _db.ExecuteAsync("UPDATE class_ledger_snapshots SET watermark = (SELECT max(seq) + 1000 FROM journal) WHERE class_id = @c", ("c", t.ClassId));
                break;
        }
        await BehindItsBackAsync(grain);

        var summary = await grain.GetSummary();
        var expected = await RecountAsync(t.ClassId);
        RecountComparison.AssertNone(RecountComparison.Compare(expected, ToCells(summary)), why);
        // Counted from the journal at activation, and stored as the new snapshot at once, at the watermark counted (the
        // summary's version; the day's roll may move the class's watermark in the journal after it).
        var now = await SnapshotAsync(t.ClassId);
        Assert.Equal(summary.Version, now.Watermark);
        Assert.Equal(ClassLedgerSnapshot.Format, await _db.ScalarAsync<int>("SELECT format FROM class_ledger_snapshots WHERE class_id = @c", ("c", t.ClassId)));
    }

    [Fact]
    public async Task A_row_committed_after_the_snapshot_with_a_sequence_below_its_watermark_makes_the_class_count()
    {
        var t = _registry.InSchoolClass(0);
        var grain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        var written = await WriteAsync(t, first: true);
        // A slow writer takes its sequence number; the class's next rows commit before it does.
        var late = await _db.ScalarAsync<long>("SELECT nextval('journal_seq')");
        await WriteAsync(t, first: false);
        await _cluster.DeactivateAsync(grain);
        var stored = await SnapshotAsync(t.ClassId);
        Assert.True(stored.Watermark > late);

        // It commits now: a plain mark of the class, below the snapshot's watermark, which no row after it will bring.
        await _db.ExecuteAsync("""
            INSERT INTO journal (academic_year, seq, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                 student_id, mark_kind, score, max_score, author_id, payload_hash)
            SELECT academic_year, @late, gen_random_uuid(), entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                   student_id, mark_kind, 2, max_score, author_id, '\x00'
            FROM journal WHERE seq = @s
            """, ("late", late), ("s", written));
        await BehindItsBackAsync(grain);

        var summary = await grain.GetSummary();
        var expected = await RecountAsync(t.ClassId);
        RecountComparison.AssertNone(RecountComparison.Compare(expected, ToCells(summary)), "a row committed late");
        // Counted, and stored again: the row is the class's and names its pupil, so it counts twice.
        var now = await SnapshotAsync(t.ClassId);
        Assert.Equal(summary.Version, now.Watermark);
        Assert.Equal(stored.ScopeRows + 2, now.ScopeRows);
    }

    [Fact]
    public async Task A_count_while_the_class_is_loaded_is_stored_as_its_snapshot()
    {
        var t = _registry.InSchoolClass(0);
        var grain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        await WriteAsync(t, first: true); // activates the class (a count, stored), then moves its watermark
        Assert.True((await SnapshotAsync(t.ClassId)).Watermark < await WatermarkAsync(t.ClassId));

        await grain.Refresh(); // a moved pupil's rows: counted from the journal
        Assert.Equal((await grain.GetSummary()).Version, (await SnapshotAsync(t.ClassId)).Watermark);
    }

    /// <summary>
    /// After a change written to the database behind the class's back: the class may have been activated meanwhile (the
    /// day's roll makes the organizations pull their classes), and would hold what it read before the change.
    /// </summary>
    private Task BehindItsBackAsync(IClassGrain grain) => _cluster.DeactivateAsync(grain);

    /// <summary>Marks of the three kinds a quarter has so far and a roll-call; returns the sequence of the first mark.</summary>
    private async Task<long> WriteAsync(DemoRegistry.Teaching t, bool first)
    {
        var day = first ? 10 : 17;
        var marks = t.Roster.Take(4).SelectMany((s, i) => new[]
        {
            new MarkEntry(Guid.NewGuid(), s, t.SubjectId, new DateOnly(2026, 11, day), "formative", 4 + i, null),
            new MarkEntry(Guid.NewGuid(), s, t.SubjectId, new DateOnly(2026, 11, day + 1), "section", 8 + 3 * i, 20),
        }).ToList();
        var outcome = await _cluster.Client.GetGrain<IClassGrain>(t.ClassId).RecordMarks(TeacherActor(t.TeacherId), new MarkBatch(marks));
        Assert.True(outcome.Accepted, string.Join("; ", outcome.Problems.Select(p => $"{p.Field} {p.Error}")));
        var lesson = new LessonBatch([new LessonEntry(Guid.NewGuid(), t.SubjectId, new DateOnly(2026, 11, day), 1,
            [new Absentee(t.Roster[0], first ? "sick" : "unexcused"), new Absentee(t.Roster[1], "late")])]);
        var roll = await _cluster.Client.GetGrain<IClassGrain>(t.ClassId).RecordLessons(TeacherActor(t.TeacherId), lesson);
        Assert.True(roll.Accepted, string.Join("; ", roll.Problems.Select(p => $"{p.Field} {p.Error}")));
        return outcome.Entries[0].Sequence;
    }

    private async Task<(long Watermark, byte[] Data, long ScopeRows)> SnapshotAsync(string classId)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT watermark, data, scope_rows FROM class_ledger_snapshots WHERE class_id = @c");
        command.Parameters.AddWithValue("c", classId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no snapshot of {classId}");
        return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2));
    }

    private Task<long> WatermarkAsync(string classId) =>
        _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = @c", ("c", classId));

    private Task<IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>>> RecountAsync(string classId) =>
        JournalRecount.ForNodeCellsAsync(_db.DataSource, [classId], TestClock.Today);

    /// <summary>A summary as the recount's cells: the whole and each cell, every field by its JSON name.</summary>
    private static RecountComparison.NodeCells ToCells(NodeSummary summary)
    {
        var cells = new Dictionary<(int, string), IReadOnlyDictionary<string, long>> { [JournalRecount.Year] = Fields(summary.Figures) };
        foreach (var cell in summary.Cells ?? [])
        {
            cells[(cell.Term, cell.SubjectId)] = Fields(cell.Figures);
        }
        return new RecountComparison.NodeCells { [summary.NodeId] = cells };
    }

    private static RecountComparison.NodeCells ToCells(string classId,
        IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>> recount) =>
        new() { [classId] = recount[classId].ToDictionary(c => c.Key, c => c.Value) };

    private static IReadOnlyDictionary<string, long> Fields(SummaryFigures figures) =>
        JournalRecount.Fields.ToDictionary(f => f, f => (long)typeof(SummaryFigures).GetProperty(char.ToUpperInvariant(f[0]) + f[1..])!.GetValue(figures)!,
            StringComparer.Ordinal);
}
