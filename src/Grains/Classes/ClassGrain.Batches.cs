using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Journal;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Classes;

// The write path of marks and roll-calls: validate, commit in one round trip, apply what was inserted, acknowledge.
public sealed partial class ClassGrain
{
    /// <summary>The batch checked against the class and its rules (null: no such class).</summary>
    private async Task<ValidatedBatch<NewMark>?> ValidateAsync(Actor actor, MarkBatch batch)
    {
        if (_class is null)
        {
            return null;
        }
        await RefreshRulesAsync();
        if (_yearClosed)
        {
            return new ValidatedBatch<NewMark>([], [YearClosedProblem]);
        }
        return JournalBatchValidator.ValidateMarks(_class, actor.PersonId, batch, Today, limits.Value, Rules);
    }

    private async Task<ValidatedBatch<NewLesson>?> ValidateAsync(Actor actor, LessonBatch batch)
    {
        if (_class is null)
        {
            return null;
        }
        await RefreshRulesAsync();
        if (_yearClosed)
        {
            return new ValidatedBatch<NewLesson>([], [YearClosedProblem]);
        }
        return JournalBatchValidator.ValidateLessons(_class, actor.PersonId, batch, Today, limits.Value, Rules);
    }

    public async Task<IReadOnlyList<EntryProblem>> CheckMarks(Actor actor, MarkBatch batch) =>
        (await ValidateAsync(actor, batch))?.Problems ?? NotFound().Problems;

    public async Task<IReadOnlyList<EntryProblem>> CheckLessons(Actor actor, LessonBatch batch) =>
        (await ValidateAsync(actor, batch))?.Problems ?? NotFound().Problems;

    public async Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch)
    {
        if (await ValidateAsync(actor, batch) is not { } validated)
        {
            return NotFound();
        }
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
        var perStudent = inserted
            .Where(m => _listeners.ContainsKey(m.StudentId))
            .GroupBy(m => m.StudentId)
            .Select(g => (g.Key, (IReadOnlyList<StudentJournalRow>)g.Select(m => new StudentJournalRow(
                result.Inserted[m.EntryId], m.SubjectId, m.Date, m.Kind, m.Score, m.MaxScore, false, 0, null)).ToList()))
            .ToList();
        await ApplyAsync(() =>
        {
            foreach (var mark in inserted)
            {
                _ledger!.RecordMark(mark.StudentId, mark.SubjectId, mark.Date, mark.Kind, mark.Score, mark.MaxScore);
            }
        }, inserted.Select(m => m.StudentId), perStudent, result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    public async Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch)
    {
        if (await ValidateAsync(actor, batch) is not { } validated)
        {
            return NotFound();
        }
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
        // Each lesson's absence codes parsed once, for the class's ledger and for its students.
        var lessons = inserted.Select(l => (Lesson: l, Codes: l.Absences())).ToList();
        var perStudent = new Dictionary<string, List<StudentJournalRow>>(StringComparer.Ordinal);
        foreach (var (lesson, codes) in lessons)
        {
            var seq = result.Inserted[lesson.EntryId];
            foreach (var studentId in lesson.Roster.Where(_listeners.ContainsKey))
            {
                AbsenceCode? code = codes.TryGetValue(studentId, out var c) ? c : null;
                if (!perStudent.TryGetValue(studentId, out var rows))
                {
                    perStudent[studentId] = rows = [];
                }
                rows.Add(new StudentJournalRow(seq, lesson.SubjectId, lesson.Date, null, 0, 0, true, lesson.Period, code));
            }
        }
        await ApplyAsync(() =>
        {
            foreach (var (lesson, codes) in lessons)
            {
                _ledger!.RecordLesson(lesson.SubjectId, lesson.Date, lesson.Roster, codes);
            }
        }, lessons.SelectMany(l => l.Lesson.Roster), perStudent.Select(p => (p.Key, (IReadOnlyList<StudentJournalRow>)p.Value)).ToList(), result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    /// <summary>
    /// Applies committed rows to this class and its listening students, after the commit and before the ack. A failure
    /// here never fails the ack (the rows are committed), and never keeps the rows from the students: a class that failed
    /// to count them deactivates and rebuilds from the journal, a student that did not take them is asked to rebuild,
    /// and a student's read catches up from the journal whatever was lost on the way.
    /// </summary>
    private async Task ApplyAsync(Action applyToClass, IEnumerable<string> concerned,
        IReadOnlyList<(string StudentId, IReadOnlyList<StudentJournalRow> Rows)> perStudent, AppendResult result)
    {
        if (result.Inserted.Count == 0)
        {
            return;
        }
        var committed = time.GetUtcNow(); // the append has returned: the rows are committed
        _snapshot = null;
        _watermark = Math.Max(_watermark, result.Inserted.Values.Max());
        try
        {
            applyToClass();
            _newestCommit = committed;
            _metrics!.Counted(NodeKind.Class, committed, time.GetUtcNow());
            _publisher!.Request();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Class {ClassId}: applying committed rows failed; rebuilding from the journal", ClassId);
            DeactivateOnIdle();
        }

        try
        {
            await NotifyCurrentClassesAsync(concerned);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Class {ClassId}: could not notify the classes of students who moved on", ClassId);
        }
        await SendToListenersAsync(perStudent);
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
}
