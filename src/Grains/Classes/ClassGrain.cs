using EduInfo.Grains.Domain;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Classes;

/// <summary>
/// A class: the journal's write path. Batches for one class are serialized by this grain, so the class's rows
/// commit in sequence order; that is what lets students and the class skip rows at or below a watermark.
/// </summary>
public sealed class ClassGrain(
    JournalStore journal,
    RegistryStore registry,
    IOptions<RollupOptions> rollupOptions,
    IOptions<JournalLimits> limits,
    TimeProvider clock,
    ILogger<ClassGrain> logger) : Grain, IClassGrain
{
    private ClassRecord? _class;
    private SummaryFigures _journalFigures = SummaryFigures.Zero;
    private long _watermark;
    private long _students;
    private CoalescingPublisher? _publisher;

    private string ClassId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await (_publisher?.RequestAsync() ?? Task.CompletedTask);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await (_publisher?.FlushAsync() ?? Task.CompletedTask);
        }
        catch (Exception ex)
        {
            // While a silo shuts down the stream queues may already be gone; the organization reconciles from the journal.
            logger.LogDebug(ex, "Class {ClassId}: final publish failed on deactivation", ClassId);
        }
    }

    /// <summary>Rebuilds from the registry and the journal, read in one snapshot with the watermark.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _class = await registry.FindClassAsync(ClassId, cancellationToken);
        if (_class is null)
        {
            return;
        }
        (_watermark, _journalFigures) = await journal.ReadClassFiguresAsync(ClassId, _class.AcademicYear, cancellationToken);
        var today = AcademicCalendar.Today(clock);
        _students = _class.Enrolments.Where(e => e.CoversDate(today)).Select(e => e.StudentId).Distinct().Count();
        _publisher ??= new CoalescingPublisher(this,
            this.GetStreamProvider(RollupStreams.Provider).GetStream<NodeSummary>(StreamId.Create(RollupStreams.ToOrganization, _class.OrganizationId)),
            Snapshot, rollupOptions.Value.CoalescingInterval, clock);
    }

    public Task<NodeSummary> GetSummary() => Task.FromResult(Snapshot());

    public async Task<NodeSummary> Reconcile()
    {
        var committed = await registry.ClassWatermarkAsync(ClassId);
        if (committed != _watermark)
        {
            logger.LogInformation("Class {ClassId}: watermark {Held} differs from journal {Committed}; rebuilding", ClassId, _watermark, committed);
            await LoadAsync(CancellationToken.None);
            await (_publisher?.RequestAsync() ?? Task.CompletedTask);
        }
        return Snapshot();
    }

    public async Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch)
    {
        if (_class is null)
        {
            return NotFound();
        }
        var validated = JournalBatchValidator.ValidateMarks(_class, actor, batch, AcademicCalendar.Today(clock), limits.Value);
        if (!validated.IsValid)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }

        var result = await AppendWithRetryAsync(() => journal.AppendMarksAsync(Context(actor), validated.Rows));
        if (result.IsConflict)
        {
            return Conflict(validated.Rows.Select(r => r.EntryId).ToList(), result);
        }

        var inserted = validated.Rows.Where(r => result.Inserted.ContainsKey(r.EntryId)).ToList();
        await ApplyAsync(() =>
        {
            foreach (var mark in inserted)
            {
                _journalFigures += JournalFigures.ForMark(mark.Kind, mark.Score, mark.MaxScore);
            }
            return inserted
                .GroupBy(m => m.StudentId)
                .Select(g => (g.Key, (IReadOnlyList<StudentJournalRow>)g.Select(m => new StudentJournalRow(
                    result.Inserted[m.EntryId], m.SubjectId, m.Date, m.Kind, m.Score, m.MaxScore, false, 0, null)).ToList()));
        }, result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    public async Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch)
    {
        if (_class is null)
        {
            return NotFound();
        }
        var validated = JournalBatchValidator.ValidateLessons(_class, actor, batch, AcademicCalendar.Today(clock), limits.Value);
        if (!validated.IsValid)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }

        AppendResult result;
        try
        {
            result = await AppendWithRetryAsync(() => journal.AppendLessonsAsync(Context(actor), validated.Rows));
        }
        catch (LessonAlreadyRecordedException recorded)
        {
            var problems = validated.Rows
                .Select((lesson, i) => (lesson, i))
                .Where(x => recorded.Lessons.Contains((x.lesson.SubjectId, x.lesson.Date, x.lesson.Period)))
                .Select(x => new EntryProblem($"entries[{x.i}].period", JournalError.LessonAlreadyRecorded, []))
                .ToList();
            return BatchOutcome.Rejected(problems);
        }
        if (result.IsConflict)
        {
            return Conflict(validated.Rows.Select(r => r.EntryId).ToList(), result);
        }

        var inserted = validated.Rows.Where(r => result.Inserted.ContainsKey(r.EntryId)).ToList();
        await ApplyAsync(() =>
        {
            var perStudent = new Dictionary<string, List<StudentJournalRow>>(StringComparer.Ordinal);
            foreach (var lesson in inserted)
            {
                var codes = lesson.AbsentIds
                    .Zip(lesson.AbsentCodes, (id, code) => (id, ok: JournalNames.TryParseAbsence(code, out var parsed), parsed))
                    .ToDictionary(x => x.id, x => x.parsed, StringComparer.Ordinal);
                _journalFigures += JournalFigures.ForLesson(lesson.Roster.Count, codes.Values);
                var seq = result.Inserted[lesson.EntryId];
                foreach (var studentId in lesson.Roster)
                {
                    AbsenceCode? code = codes.TryGetValue(studentId, out var c) ? c : null;
                    if (!perStudent.TryGetValue(studentId, out var rows))
                    {
                        perStudent[studentId] = rows = [];
                    }
                    rows.Add(new StudentJournalRow(seq, lesson.SubjectId, lesson.Date, null, 0, 0, true, lesson.Period, code));
                }
            }
            return perStudent.Select(p => (p.Key, (IReadOnlyList<StudentJournalRow>)p.Value));
        }, result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    /// <summary>
    /// Applies committed rows to this class and its students, after the commit and before the ack. A failure here
    /// never fails the ack (the rows are committed): the failing grain deactivates and rebuilds from the journal.
    /// </summary>
    private async Task ApplyAsync(Func<IEnumerable<(string StudentId, IReadOnlyList<StudentJournalRow> Rows)>> applyToClass, AppendResult result)
    {
        if (result.Inserted.Count == 0)
        {
            return;
        }
        IEnumerable<(string StudentId, IReadOnlyList<StudentJournalRow> Rows)> perStudent;
        try
        {
            perStudent = applyToClass().ToList();
            _watermark = Math.Max(_watermark, result.Inserted.Values.Max());
            await _publisher!.RequestAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Class {ClassId}: applying committed rows failed; rebuilding from the journal", ClassId);
            DeactivateOnIdle();
            return;
        }

        var applies = perStudent.Select(async s =>
        {
            try
            {
                await GrainFactory.GetGrain<IStudentGrain>(s.StudentId).Apply(ClassId, s.Rows);
            }
            catch (Exception ex)
            {
                // The student grain deactivates itself on a failed apply and rebuilds from the journal.
                logger.LogWarning(ex, "Class {ClassId}: a student apply failed; it will rebuild from the journal", ClassId);
            }
        });
        await Task.WhenAll(applies);
    }

    private static async Task<AppendResult> AppendWithRetryAsync(Func<Task<AppendResult>> append)
    {
        try
        {
            return await append();
        }
        catch (JournalRaceException)
        {
            // Our own rows were committed; the retry reports them as duplicates and resolves the racing key.
            return await append();
        }
    }

    private JournalWriteContext Context(Actor actor) =>
        new(_class!.AcademicYear, ClassId, ClassId, _class.OrganizationId, actor.UserId, actor.ClientAddress, actor.Roles);

    private BatchOutcome Accepted(IEnumerable<Guid> entryIds, AppendResult result) => new(
        true,
        entryIds.Select(id => result.Inserted.TryGetValue(id, out var seq)
            ? new EntryResult(id, EntryStatus.Inserted, seq)
            : new EntryResult(id, EntryStatus.Duplicate, result.Duplicates[id])).ToList(),
        [],
        _watermark);

    private static BatchOutcome Conflict(IReadOnlyList<Guid> entryIds, AppendResult result)
    {
        var conflicting = result.ConflictingIds.ToHashSet();
        return BatchOutcome.Rejected(entryIds
            .Select((id, i) => (id, i))
            .Where(x => conflicting.Contains(x.id))
            .Select(x => new EntryProblem($"entries[{x.i}].entryId", JournalError.EntryIdConflict, []))
            .ToList());
    }

    private static BatchOutcome NotFound() => BatchOutcome.Rejected([new EntryProblem("classId", JournalError.ClassNotFound, [])]);

    private NodeSummary Snapshot() => new(
        ClassId, NodeKind.Class, _watermark,
        _class is null ? SummaryFigures.Zero : _journalFigures with { Students = _students, Classes = 1 },
        clock.GetUtcNow());
}
