using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.IntegrationTests.Infrastructure;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>Student grains apply each journal row exactly once, however they were activated.</summary>
public sealed class StudentGrainTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
        _cluster = await EduInfoTestCluster.StartAsync(_db, "student-tests");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static Actor TeacherActor(string teacherId) => Actor.Teacher(teacherId, "KZ", "127.0.0.1");

    [Fact]
    public async Task A_student_activated_by_a_write_reads_the_journal_only_when_read_and_counts_the_rows_once()
    {
        var t = _registry.Teachings()[0];
        var student = t.Roster[0];
        var studentGrain = _cluster.Client.GetGrain<IStudentGrain>(student);
        Assert.False(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _)); // not active yet

        // The class commits the rows, then its apply call activates the student, which reads nothing yet; its first read
        // loads those very rows from the journal, and the apply that activated it must not have counted them already.
        var batch = new MarkBatch([
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 9), "formative", 6, null),
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 10), "formative", 9, null),
            new MarkEntry(Guid.NewGuid(), t.Roster[1], t.SubjectId, new DateOnly(2026, 11, 10), "formative", 3, null),
        ]);
        var outcome = await _cluster.Client.GetGrain<IClassGrain>(t.ClassId).RecordMarks(TeacherActor(t.TeacherId), batch);
        Assert.True(outcome.Accepted);
        Assert.True(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _));

        var (watermark, subjects) = await studentGrain.GetFigures();
        var figures = Assert.Single(subjects).Figures;
        Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE student_id = @s", ("s", student)), figures.FormativeMarks);
        Assert.Equal(15, figures.FormativeScoreSum);
        Assert.Equal(await _db.ScalarAsync<long>("SELECT max(seq) FROM journal WHERE student_id = @s", ("s", student)), watermark);

        // The same rows sent again (a retried apply) change nothing.
        var rows = outcome.Entries.Take(2).Zip(batch.Entries!.Take(2), (e, m) =>
            new StudentJournalRow(e.Sequence, m.SubjectId!, m.Date!.Value, MarkKind.Formative, m.Score!.Value, 10, false, 0, null)).ToList();
        await studentGrain.Apply(t.ClassId, rows);
        Assert.Equal(2, Assert.Single((await studentGrain.GetFigures()).Subjects).Figures.FormativeMarks);

        // Once loaded, the grain is live: the next batch reaches it by the class's apply (it never reads the journal again).
        var next = await _cluster.Client.GetGrain<IClassGrain>(t.ClassId).RecordMarks(TeacherActor(t.TeacherId), new MarkBatch([
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 11), "formative", 4, null)]));
        Assert.True(next.Accepted);
        await _db.ExecuteAsync("UPDATE journal SET score = 0 WHERE seq = @s", ("s", next.Entries[0].Sequence)); // what a re-read would see
        var live = Assert.Single((await studentGrain.GetFigures()).Subjects).Figures;
        Assert.Equal((3L, 19L), (live.FormativeMarks, live.FormativeScoreSum));
        await _db.ExecuteAsync("UPDATE journal SET score = 4 WHERE seq = @s", ("s", next.Entries[0].Sequence));

        // After a restart of the grain the figures are rebuilt from the journal to the same values.
        await _cluster.DeactivateAsync(studentGrain);
        Assert.Equal(live, Assert.Single((await studentGrain.GetFigures()).Subjects).Figures);
    }

    [Fact]
    public async Task A_row_committed_late_by_another_class_is_not_mistaken_for_an_old_one()
    {
        // Watermarks are kept per class: class B's higher sequence number must not hide class A's lower one
        // arriving afterwards (two classes of one student, e.g. around a transfer, commit independently).
        var student = _cluster.Client.GetGrain<IStudentGrain>("S-NOT-IN-REGISTRY");
        await student.GetFigures(); // loaded (with nothing): from now on it applies what its classes send
        await student.Apply("CLASS-B", [new StudentJournalRow(200, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 5, 10, false, 0, null)]);
        await student.Apply("CLASS-A", [new StudentJournalRow(150, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 7, 10, false, 0, null)]);
        await student.Apply("CLASS-A", [new StudentJournalRow(150, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 7, 10, false, 0, null)]);
        await student.Apply("CLASS-A", [new StudentJournalRow(120, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 1, 10, false, 0, null)]);

        var (watermark, subjects) = await student.GetFigures();
        Assert.Equal(200, watermark);
        Assert.Equal((2L, 12L), (subjects[0].Figures.FormativeMarks, subjects[0].Figures.FormativeScoreSum));
    }
}
