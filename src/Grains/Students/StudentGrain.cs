using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Live;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Students;

/// <summary>
/// A learner's live figures per subject. Loaded from the journal when first read (the diary, the live view); afterwards
/// it applies the rows its classes send. A write only activates the grain: a class of 25 writing a mark must not cost
/// 25 journal reads for figures nobody may look at (docs/benchmarks.md, "Figures behind the code"), and rows
/// sent to a grain not yet loaded are in the journal its first read loads. A class commits its rows in sequence order
/// and applies them before acknowledging, so the grain keeps one watermark per class and skips any row at or below it:
/// a row read at loading (or sent twice) is never counted twice, and a row committed late by another class is not
/// mistaken for an old one.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class StudentGrain(JournalStore journal, RegistryStore registry, IKazakhstanClock clock, TimeProvider time, ILogger<StudentGrain> logger)
    : Grain, IStudentGrain
{
    private readonly Dictionary<string, StudentTally> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _classWatermarks = new(StringComparer.Ordinal);
    private readonly Watchers<IStudentObserver> _watchers = new();
    private long _told = -1; // the watermark the watchers were last told
    private string? _academicYear;

    private string StudentId => this.GetPrimaryKeyString();

    private long Watermark => _classWatermarks.Count == 0 ? 0 : _classWatermarks.Values.Max();

    private bool _loaded;

    /// <summary>Drops the figures and, if they were loaded, reads them again (a grain not loaded reads at its first read).</summary>
    public Task Rebuild() => _loaded ? LoadAsync(CancellationToken.None) : Task.CompletedTask;

    private Task EnsureLoadedAsync() => _loaded ? Task.CompletedTask : LoadAsync(CancellationToken.None);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Not loaded until the read succeeds: a failed read leaves the grain to read again, never half-counted.
        _loaded = false;
        _subjects.Clear();
        _classWatermarks.Clear();
        _academicYear = await registry.CurrentAcademicYearOfStudentAsync(StudentId, cancellationToken);
        if (_academicYear is not null)
        {
            CountAll(await journal.ReadStudentRowsAsync(StudentId, _academicYear, cancellationToken));
        }
        _loaded = true;
        TellWatchers();
    }

    /// <summary>Replaces the figures and watermarks by a count of <paramref name="rows"/>: every row in force of the year.</summary>
    private void CountAll(IReadOnlyList<StudentRowWithTime> rows)
    {
        _subjects.Clear();
        _classWatermarks.Clear();
        foreach (var row in rows)
        {
            Add(row.Row);
            _classWatermarks[row.ClassId] = Math.Max(_classWatermarks.GetValueOrDefault(row.ClassId), row.Row.Sequence);
        }
    }

    /// <summary>
    /// The diary reads every row of the student anyway: its figures are counted from those very rows, so they can never
    /// disagree with the marks it lists. A live tally that differs was left behind (an apply lost between a class's
    /// commit and its acknowledgement, when a silo died) and is replaced; rows committed after this read arrive by
    /// apply above the new watermarks.
    /// </summary>
    private void CatchUp(IReadOnlyList<StudentRowWithTime> rows)
    {
        var before = Subjects();
        CountAll(rows);
        if (!before.SequenceEqual(Subjects()))
        {
            logger.LogWarning("Student figures differed from the journal; counted again from it ({Subjects} subjects)", _subjects.Count);
        }
        TellWatchers();
    }

    public Task Apply(string classId, IReadOnlyList<StudentJournalRow> rows)
    {
        if (!_loaded)
        {
            return Task.CompletedTask; // committed rows: the first read loads them from the journal
        }
        try
        {
            var watermark = _classWatermarks.GetValueOrDefault(classId);
            foreach (var row in rows)
            {
                if (row.Sequence <= watermark)
                {
                    continue;
                }
                Add(row);
                watermark = row.Sequence;
            }
            _classWatermarks[classId] = watermark;
            TellWatchers();
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Student grain apply failed; deactivating to rebuild from the journal");
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<(long Watermark, IReadOnlyList<SubjectFigures> Subjects)> GetFigures()
    {
        await EnsureLoadedAsync();
        return (Watermark, Subjects());
    }

    public async Task<long> Watch(IStudentObserver observer, TimeSpan lease)
    {
        await EnsureLoadedAsync();
        _watchers.Watch(observer, lease, time.GetUtcNow());
        return _told = Watermark;
    }

    public Task Unwatch(IStudentObserver observer)
    {
        _watchers.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>Tells the watchers (the Api's live diaries) a watermark they have not been told; nothing when none watch.</summary>
    private void TellWatchers()
    {
        var now = time.GetUtcNow();
        if (!_watchers.Any(now))
        {
            return;
        }
        var watermark = Watermark;
        if (watermark == _told)
        {
            return;
        }
        _told = watermark;
        _watchers.Notify(now, w => w.WatermarkChanged(watermark));
    }

    public async Task<StudentDiary> GetDiary(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await EnsureLoadedAsync();
        var rows = _academicYear is null ? [] : await journal.ReadStudentRowsAsync(StudentId, _academicYear);
        CatchUp(rows);
        var marks = rows.Where(r => !r.Row.IsLesson && r.Row.MarkKind is not null)
            .Select(r => new DiaryMark(r.Row.Sequence, r.Row.SubjectId, r.Row.Date, r.Row.MarkKind!.Value, r.Row.Score, r.Row.MaxScore, r.RecordedAt))
            .ToList();
        var attendance = rows.Where(r => r.Row.IsLesson && r.Row.Attendance is not null)
            .Select(r => new DiaryAttendance(r.Row.Sequence, r.Row.SubjectId, r.Row.Date, r.Row.Period, r.Row.Attendance!.Value))
            .ToList();
        var current = await registry.CurrentClassOfStudentAsync(StudentId);
        var standings = current is { } c ? await StandingsAsync(c.ClassId) : null;
        var corrections = _academicYear is null ? [] : (await journal.ReadStudentCorrectionsAsync(StudentId, _academicYear))
            .Select(x => Correction(x.Correction, x.Original))
            .ToList();
        return new StudentDiary(StudentId, Watermark, Subjects(), marks, attendance, standings, corrections);
    }

    /// <summary>
    /// The standings of each term from the class where the student counted at the term's end (today while it runs),
    /// so the diary shows the marks the summaries count, also after a transfer; the year from the current class.
    /// </summary>
    private async Task<Interfaces.Assessment.StudentStandings> StandingsAsync(string currentClassId)
    {
        var current = await GrainFactory.GetGrain<IClassGrain>(currentClassId).GetStandings(StudentId);
        var enrolments = await registry.StudentEnrolmentsAsync(StudentId);
        var today = clock.Today;
        var standings = current.Standings.ToList();
        foreach (var term in current.Terms.Where(t => t.Starts <= today))
        {
            var countDay = term.Ends < today ? term.Ends!.Value : today;
            var counted = enrolments.LastOrDefault(e => e.Enrolment.CoversDate(countDay)).ClassId;
            if (counted is null || counted == currentClassId)
            {
                continue;
            }
            var there = await GrainFactory.GetGrain<IClassGrain>(counted).GetStandings(StudentId);
            standings.RemoveAll(s => s.Term == term.Term);
            standings.AddRange(there.Standings.Where(s => s.Term == term.Term));
        }
        return current with { Standings = standings.OrderBy(s => s.SubjectId, StringComparer.Ordinal).ThenBy(s => s.Term).ToList() };
    }

    /// <summary>A correction as it concerns this student: their score, or their roll-call code (null = present).</summary>
    private DiaryCorrection Correction(JournalRow correction, JournalRow original)
    {
        string? ValueOf(JournalRow row) => row.EntryKind switch
        {
            EntryKind.Mark => $"{row.Score}/{row.MaxScore}",
            EntryKind.Lesson => row.AbsentIds?.ToList().IndexOf(StudentId) is >= 0 and var i ? JournalNames.Of(row.AbsentCodes![i]) : "present",
            _ => null,
        };
        var action = correction.EntryKind == EntryKind.Void ? CorrectionAction.Void : CorrectionAction.Replace;
        return new DiaryCorrection(correction.Sequence, original.Sequence, JournalNames.Of(action), JournalNames.Of(original.EntryKind),
            original.SubjectId, original.Date, original.Period, ValueOf(original), ValueOf(correction), correction.Reason ?? "",
            correction.AuthorId, correction.RecordedAt);
    }

    private void Add(StudentJournalRow row)
    {
        var figures = row.IsLesson
            ? JournalFigures.ForSeat(row.Attendance)
            : JournalFigures.ForMark(row.MarkKind ?? MarkKind.Formative, row.Score, row.MaxScore);
        // Subject ids are few: one shared string per subject instead of one per student grain.
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_subjects, string.Intern(row.SubjectId), out _).Add(figures);
    }

    private IReadOnlyList<SubjectFigures> Subjects() =>
        _subjects.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SubjectFigures(s.Key, s.Value.ToFigures())).ToList();
}
