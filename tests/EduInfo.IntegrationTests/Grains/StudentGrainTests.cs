using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.IntegrationTests.Infrastructure;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// Student grains count each journal row exactly once, whether it was read from the journal or sent by a class; a write
/// wakes only students that are loaded (issue #26.2).
/// </summary>
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
    public async Task A_write_wakes_no_student_nobody_read_and_a_loaded_student_hears_each_row_once()
    {
        var t = _registry.Teachings()[0];
        var student = t.Roster[0];
        var studentGrain = _cluster.Client.GetGrain<IStudentGrain>(student);
        var classGrain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        Assert.False(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _)); // not active yet

        // The class commits the rows and acknowledges without waking the student: nobody has read its figures.
        var batch = new MarkBatch([
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 9), "formative", 6, null),
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 10), "formative", 9, null),
            new MarkEntry(Guid.NewGuid(), t.Roster[1], t.SubjectId, new DateOnly(2026, 11, 10), "formative", 3, null),
        ]);
        var outcome = await classGrain.RecordMarks(TeacherActor(t.TeacherId), batch);
        Assert.True(outcome.Accepted);
        Assert.False(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _));

        // Its first read loads those rows from the journal.
        var (watermark, subjects) = await studentGrain.GetFigures();
        var figures = Assert.Single(subjects).Figures;
        Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE student_id = @s", ("s", student)), figures.FormativeMarks);
        Assert.Equal(15, figures.FormativeScoreSum);
        Assert.Equal(await _db.ScalarAsync<long>("SELECT max(seq) FROM journal WHERE student_id = @s", ("s", student)), watermark);

        // The same rows sent again (a retried send) change nothing.
        var rows = outcome.Entries.Take(2).Zip(batch.Entries!.Take(2), (e, m) =>
            new StudentJournalRow(e.Sequence, m.SubjectId!, m.Date!.Value, MarkKind.Formative, m.Score!.Value, 10, false, 0, null)).ToList();
        Assert.True(await studentGrain.Apply(t.ClassId, 0, outcome.Watermark, rows));
        Assert.Equal(2, Assert.Single((await studentGrain.GetFigures()).Subjects).Figures.FormativeMarks);

        // Once loaded, the grain listens: the next batch reaches it from the class (it does not read the journal again).
        var next = await classGrain.RecordMarks(TeacherActor(t.TeacherId), new MarkBatch([
            new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, 11), "formative", 4, null)]));
        Assert.True(next.Accepted);
        await _db.ExecuteAsync("UPDATE journal SET score = 0 WHERE seq = @s", ("s", next.Entries[0].Sequence)); // what a re-read would see
        var live = Assert.Single((await studentGrain.GetFigures()).Subjects).Figures;
        Assert.Equal((3L, 19L), (live.FormativeMarks, live.FormativeScoreSum));
        await _db.ExecuteAsync("UPDATE journal SET score = 4 WHERE seq = @s", ("s", next.Entries[0].Sequence));

        // Unloaded, it is woken once by the listening it left behind, answers that it is not loaded and goes away;
        // the class then stops sending.
        await _cluster.DeactivateAsync(studentGrain);
        Assert.True((await classGrain.RecordMarks(TeacherActor(t.TeacherId), Marks(t, student, 5, 12))).Accepted);
        await Eventually.MatchesAsync(() => Task.FromResult(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _)), active => !active,
            TimeSpan.FromSeconds(10), "the student woken by a stale listening gone again");
        Assert.True((await classGrain.RecordMarks(TeacherActor(t.TeacherId), Marks(t, student, 7, 13))).Accepted);
        Assert.False(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _));

        // Read again, the figures are counted from the journal: every row once.
        var reloaded = Assert.Single((await studentGrain.GetFigures()).Subjects).Figures;
        Assert.Equal((5L, 31L), (reloaded.FormativeMarks, reloaded.FormativeScoreSum));
    }

    [Fact]
    public async Task A_student_whose_class_forgot_it_catches_up_from_the_journal_on_read_and_listens_again()
    {
        var t = _registry.InSchoolClass(2);
        var student = t.Roster[2];
        var teacher = TeacherActor(t.TeacherId);
        var studentGrain = _cluster.Client.GetGrain<IStudentGrain>(student);
        var classGrain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        Assert.True((await classGrain.RecordMarks(teacher, Marks(t, student, 6, 9))).Accepted);
        Assert.Equal(1, Formative(await studentGrain.GetDiary(teacher), t.SubjectId).FormativeMarks); // loaded, listening

        // Only the class is deactivated (as if its silo had died): its new activation has no listener, so the next
        // mark is committed without reaching the loaded student.
        await _cluster.DeactivateAsync(classGrain);
        var missed = await classGrain.RecordMarks(teacher, Marks(t, student, 8, 10));
        Assert.True(missed.Accepted);
        Assert.True(_cluster.TryGetGrainContext(studentGrain.GetGrainId(), out _));

        // The read finds the class's committed watermark above what the student heard and counts again from the journal:
        // it sees the row as the journal holds it (altered here, so a row the class had sent would show its old score).
        await _db.ExecuteAsync("UPDATE journal SET score = 2 WHERE seq = @s", ("s", missed.Entries[0].Sequence));
        var caughtUp = Formative2(await studentGrain.GetFigures(), t.SubjectId);
        Assert.Equal((2L, 8L), (caughtUp.FormativeMarks, caughtUp.FormativeScoreSum));
        await _db.ExecuteAsync("UPDATE journal SET score = 8 WHERE seq = @s", ("s", missed.Entries[0].Sequence));
        var diary = await studentGrain.GetDiary(teacher);
        Assert.Equal((2L, 14L), (Formative(diary, t.SubjectId).FormativeMarks, Formative(diary, t.SubjectId).FormativeScoreSum));

        // It listens again: the next mark comes from the class, not from a re-read.
        var next = await classGrain.RecordMarks(teacher, Marks(t, student, 9, 11));
        Assert.True(next.Accepted);
        await _db.ExecuteAsync("UPDATE journal SET score = 0 WHERE seq = @s", ("s", next.Entries[0].Sequence));
        var live = Formative2(await studentGrain.GetFigures(), t.SubjectId);
        Assert.Equal((3L, 23L), (live.FormativeMarks, live.FormativeScoreSum));
        await _db.ExecuteAsync("UPDATE journal SET score = 9 WHERE seq = @s", ("s", next.Entries[0].Sequence));
        Assert.Equal(live, Formative(await studentGrain.GetDiary(teacher), t.SubjectId));
    }

    [Fact]
    public async Task Rows_are_counted_once_per_class_and_a_gap_in_a_class_s_sends_counts_again_from_the_journal()
    {
        // Watermarks are kept per class: class B's higher sequence number must not hide class A's lower one
        // arriving afterwards (two classes of one student, e.g. around a transfer, commit independently).
        var student = _cluster.Client.GetGrain<IStudentGrain>("S-NOT-IN-REGISTRY");
        await student.GetFigures(); // loaded (with nothing): from now on it applies what its classes send
        Assert.True(await student.Apply("CLASS-B", 0, 200, [new StudentJournalRow(200, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 5, 10, false, 0, null)]));
        Assert.True(await student.Apply("CLASS-A", 0, 150, [new StudentJournalRow(150, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 7, 10, false, 0, null)]));
        Assert.True(await student.Apply("CLASS-A", 0, 150, [new StudentJournalRow(150, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 7, 10, false, 0, null)]));
        Assert.True(await student.Apply("CLASS-A", 0, 120, [new StudentJournalRow(120, "MAT", new DateOnly(2026, 11, 2), MarkKind.Formative, 1, 10, false, 0, null)]));

        var (watermark, subjects) = await student.GetFigures();
        Assert.Equal(200, watermark);
        Assert.Equal((2L, 12L), (subjects[0].Figures.FormativeMarks, subjects[0].Figures.FormativeScoreSum));

        // Class A says it last sent 170, above the 150 heard: rows in between may be lost, so the grain counts its
        // journal again (which holds nothing for this student) instead of adding the batch.
        Assert.True(await student.Apply("CLASS-A", 170, 180, [new StudentJournalRow(180, "MAT", new DateOnly(2026, 11, 3), MarkKind.Formative, 9, 10, false, 0, null)]));
        Assert.Empty((await student.GetFigures()).Subjects);
    }

    private static MarkBatch Marks(DemoRegistry.Teaching t, string student, int score, int day) =>
        new([new MarkEntry(Guid.NewGuid(), student, t.SubjectId, new DateOnly(2026, 11, day), "formative", score, null)]);

    private static SummaryFigures Formative(StudentDiary diary, string subjectId) => diary.Subjects.Single(s => s.SubjectId == subjectId).Figures;

    private static SummaryFigures Formative2((long Watermark, IReadOnlyList<SubjectFigures> Subjects) figures, string subjectId) =>
        figures.Subjects.Single(s => s.SubjectId == subjectId).Figures;
}
