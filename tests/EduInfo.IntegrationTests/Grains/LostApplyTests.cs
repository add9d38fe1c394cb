using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using Orleans.Providers;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// Issue #13.7: a failure after a class's commit must not leave a student's figures behind the journal. The faults are
/// injected with a silo call filter: a student's apply (and the rebuild the class asks for next) is lost, as when the
/// student's silo dies mid-call, or the roll-up stream's queue refuses every publish. The diary of a loaded student must
/// still count exactly what it lists and what the journal holds.
/// </summary>
public sealed class LostApplyTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly Faults _faults = new();
    private DemoRegistry _registry = null!;
    private InProcessTestCluster _cluster = null!;

    /// <summary>What the filter breaks, switched by the test.</summary>
    private sealed class Faults
    {
        public volatile string? LoseCallsToStudent;
        public volatile bool RefusePublishes;
        public int Lost;
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> RefusedFrom = new(StringComparer.Ordinal);
    }

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
        _cluster = await EduInfoTestCluster.StartAsync(_db, "lost-apply-tests", configureSilo: silo => silo.AddIncomingGrainCallFilter(async call =>
        {
            var student = _faults.LoseCallsToStudent;
            var toStudent = student is not null && call.InterfaceMethod?.DeclaringType == typeof(IStudentGrain)
                && call.InterfaceMethod.Name is nameof(IStudentGrain.Apply) or nameof(IStudentGrain.Rebuild)
                && call.TargetContext.GrainId.Key.ToString() == student;
            // Only the publish (the enqueue): the pulling agents keep dequeuing, as they would from a queue that lives on.
            var toQueue = _faults.RefusePublishes && call.InterfaceMethod?.DeclaringType == typeof(IMemoryStreamQueueGrain)
                && call.InterfaceMethod.Name == nameof(IMemoryStreamQueueGrain.Enqueue);
            if (toStudent || toQueue)
            {
                if (toQueue && call.SourceId?.Key.ToString() is { } source)
                {
                    _faults.RefusedFrom.AddOrUpdate(source, 1, (_, n) => n + 1);
                }
                Interlocked.Increment(ref _faults.Lost);
                throw new TimeoutException("injected: the call was lost");
            }
            await call.Invoke();
        }));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_student_whose_apply_and_rebuild_were_lost_reads_a_diary_that_agrees_with_the_journal()
    {
        var t = _registry.InSchoolClass(0);
        var victim = t.Roster[0];
        var teacher = Actor.Teacher(t.TeacherId, "KZ", "127.0.0.1");
        var student = _cluster.Client.GetGrain<IStudentGrain>(victim);
        var classGrain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        Assert.True((await classGrain.RecordMarks(teacher, Marks(t, victim, 6, new DateOnly(2026, 11, 2)))).Accepted);
        Assert.Equal(1, Formative(await student.GetDiary(teacher), t.SubjectId).FormativeMarks); // loaded, live

        // Two marks and a roll-call are committed and acknowledged while every call carrying them to the student is lost.
        _faults.LoseCallsToStudent = victim;
        Assert.True((await classGrain.RecordMarks(teacher, Marks(t, victim, 9, new DateOnly(2026, 11, 3)))).Accepted);
        Assert.True((await classGrain.RecordMarks(teacher, Marks(t, victim, 4, new DateOnly(2026, 11, 4)))).Accepted);
        var lesson = new LessonBatch([new LessonEntry(Guid.NewGuid(), t.SubjectId, new DateOnly(2026, 11, 4), 1, [new Absentee(victim, "sick")])]);
        Assert.True((await classGrain.RecordLessons(teacher, lesson)).Accepted);
        _faults.LoseCallsToStudent = null;
        Assert.Equal(6, _faults.Lost); // three applies and the three rebuilds asked for after them

        // The live figures catch up when read: the class's committed watermark is above what the student heard...
        var (_, live) = await student.GetFigures();
        Assert.Equal(3, live.Single(s => s.SubjectId == t.SubjectId).Figures.FormativeMarks);

        // ...and the diary counts what it lists, which is what the journal holds.
        var diary = await student.GetDiary(teacher);
        var figures = Formative(diary, t.SubjectId);
        var listed = diary.Marks.Where(m => m.SubjectId == t.SubjectId).ToList();
        Assert.Equal(3, listed.Count);
        Assert.Equal(listed.Count, figures.FormativeMarks);
        Assert.Equal(listed.Sum(m => m.Score), figures.FormativeScoreSum); // 6 + 9 + 4 = 19
        Assert.Equal(19, figures.FormativeScoreSum);
        Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_kind = 'mark' AND student_id = @s", ("s", victim)), figures.Marks);
        Assert.Equal(1, figures.SeatsHeld);
        Assert.Equal(1, figures.AbsentSick);
        Assert.Equal(0, figures.Attended);
        Assert.Equal(await _db.ScalarAsync<long>("SELECT max(seq) FROM journal WHERE class_id = @c", ("c", t.ClassId)), diary.Watermark);

        // Caught up for good: the next write applies on top, counted once.
        Assert.True((await classGrain.RecordMarks(teacher, Marks(t, victim, 10, new DateOnly(2026, 11, 5)))).Accepted);
        var (_, after) = await student.GetFigures();
        Assert.Equal(4, after.Single(s => s.SubjectId == t.SubjectId).Figures.FormativeMarks);
        Assert.Equal(29, after.Single(s => s.SubjectId == t.SubjectId).Figures.FormativeScoreSum);
    }

    [Fact]
    public async Task Writes_acknowledged_while_every_publish_fails_reach_the_students_and_the_summaries_once_publishing_works()
    {
        var t = _registry.InSchoolClass(1);
        var student = t.Roster[1];
        var teacher = Actor.Teacher(t.TeacherId, "KZ", "127.0.0.1");
        var studentGrain = _cluster.Client.GetGrain<IStudentGrain>(student);
        await studentGrain.GetDiary(teacher); // loaded: it counts what classes send it
        var classGrain = _cluster.Client.GetGrain<IClassGrain>(t.ClassId);
        var organization = _cluster.Client.GetGrain<IOrganizationGrain>(_registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId);

        // The whole hierarchy active and done with the reconciliations that follow its activation (the republic's reaches
        // down to every class): otherwise an ancestor activated by the first publishes pulls the class while its publishes
        // are refused, and the organization is brought level by that pull, not by the class's retries this test is about.
        var republic = _cluster.Client.GetGrain<IAreaGrain>("KZ");
        var journalVersion = await _db.ScalarAsync<long>("SELECT coalesce(sum(seq), 0) FROM class_watermarks");
        var organizations = await _db.ScalarAsync<long>("SELECT count(*) FROM organizations");
        await Eventually.MatchesAsync(async () => await republic.GetSummary(),
            s => s.Version == journalVersion && s.Figures.Organizations == organizations, TimeSpan.FromSeconds(30), "the republic over the whole journal");

        // Active, and done pulling its classes at activation: from now on it hears of changes by its stream only.
        var organizationVersion = await _db.ScalarAsync<long>(
            "SELECT sum(w.seq) FROM class_watermarks w JOIN classes c ON c.id = w.class_id WHERE c.organization_id = @o",
            ("o", _registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId));
        await Eventually.MatchesAsync(async () => (await organization.GetSummary()).Version, v => v == organizationVersion, TimeSpan.FromSeconds(10),
            "the organization at its classes' versions");
        Assert.Equal(0, (await organization.GetSummary()).Figures.FormativeMarks);
        _faults.RefusePublishes = true;
        foreach (var (score, day) in new[] { (7, 9), (8, 10), (3, 11) })
        {
            Assert.True((await classGrain.RecordMarks(teacher, Marks(t, student, score, new DateOnly(2026, 11, day)))).Accepted);
        }
        // The class's publishes are refused (again and again: it retries every coalescing interval).
        await Eventually.MatchesAsync(() => Task.FromResult(_faults.RefusedFrom.GetValueOrDefault(t.ClassId)), refused => refused >= 2,
            TimeSpan.FromSeconds(10), "the class's publishes refused and retried");

        // The class counted the rows and handed them to the student although its summary could not go up.
        Assert.Equal(3, (await classGrain.GetSummary()).Figures.FormativeMarks);
        var (_, live) = await studentGrain.GetFigures();
        Assert.Equal(3, live.Single(s => s.SubjectId == t.SubjectId).Figures.FormativeMarks);
        Assert.Equal(18, live.Single(s => s.SubjectId == t.SubjectId).Figures.FormativeScoreSum);

        // Publishing works again: the class's retry brings the organization level without any reconciler (it is off here).
        _faults.RefusePublishes = false;
        await Eventually.MatchesAsync(async () => (await organization.GetSummary()).Figures.FormativeMarks, marks => marks == 3,
            TimeSpan.FromSeconds(10), "the organization's summary after publishing resumed");
    }

    private static MarkBatch Marks(DemoRegistry.Teaching t, string student, int score, DateOnly date) =>
        new([new MarkEntry(Guid.NewGuid(), student, t.SubjectId, date, "formative", score, null)]);

    private static SummaryFigures Formative(StudentDiary diary, string subjectId) => diary.Subjects.Single(s => s.SubjectId == subjectId).Figures;
}
