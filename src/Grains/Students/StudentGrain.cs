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
/// A learner's live figures per subject. Loaded from the journal when first read (the diary, the live view); from then
/// on it listens to its class, which sends it the rows of each batch that concern it. A write wakes no student that is
/// not loaded: a class of 25 taking a roll-call must not cost 25 activations for figures nobody may look at
/// (docs/benchmarks.md). Listening is a hint: a reactivated class has forgotten its listeners, and a send may be lost
/// with a silo. So the grain keeps, per class, the class watermark up to which it has counted every row of its own; a
/// batch that says the class sent it less than that (a gap), or a read that finds the journal's class watermark above
/// it, makes the grain count again from the journal. Nothing is counted twice: the load reads the rows and the
/// watermarks in one snapshot, and a batch's rows at or below the heard watermark are skipped.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class StudentGrain(JournalStore journal, RegistryStore registry, IKazakhstanClock clock, TimeProvider time, ILogger<StudentGrain> logger)
    : Grain, IStudentGrain
{
    private readonly Dictionary<string, StudentTally> _subjects = new(StringComparer.Ordinal);
    // Class → the class watermark up to which every row of this student from that class is counted.
    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);
    private readonly Watchers<IStudentObserver> _watchers = new();
    private long _told = -1; // the watermark the watchers were last told
    private long _newestRow; // the highest sequence number counted: the diary's version
    private string? _academicYear;

    private string StudentId => this.GetPrimaryKeyString();

    private long Watermark => _newestRow;

    private bool _loaded;

    /// <summary>Drops the figures and, if they were loaded, reads them again (a grain not loaded reads at its first read).</summary>
    public Task Rebuild()
    {
        if (_loaded)
        {
            return LoadAsync(CancellationToken.None);
        }
        DeactivateOnIdle(); // woken only to be told: nothing to keep in memory
        return Task.CompletedTask;
    }

    /// <summary>Loads the figures, or counts them again when a class has committed rows this grain was not sent.</summary>
    private async Task EnsureCurrentAsync()
    {
        if (!_loaded)
        {
            await LoadAsync(CancellationToken.None);
            return;
        }
        if (_academicYear is null)
        {
            return;
        }
        var committed = await journal.ReadStudentClassWatermarksAsync(StudentId, _academicYear);
        if (committed.Any(c => c.Value > _heard.GetValueOrDefault(c.Key)))
        {
            await LoadAsync(CancellationToken.None);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Not loaded until the read succeeds: a failed read leaves the grain to read again, never half-counted.
        _loaded = false;
        _subjects.Clear();
        _heard.Clear();
        var current = await registry.CurrentClassOfStudentAsync(StudentId, cancellationToken);
        _academicYear = current?.AcademicYear;
        if (current is { } c)
        {
            // Listening first: a batch committed after this is sent here, or is in the snapshot read next (or both).
            await ListenAsync(c.ClassId);
            CountAll(await journal.ReadStudentLedgerAsync(StudentId, c.AcademicYear, cancellationToken));
        }
        _loaded = true;
        TellWatchers();
    }

    private async Task ListenAsync(string classId)
    {
        try
        {
            await GrainFactory.GetGrain<IClassGrain>(classId).Listen(StudentId);
        }
        catch (Exception ex)
        {
            // A hint: without it the rows are still in the journal, which the next read compares with.
            logger.LogWarning("Student grain could not listen to its class ({Error}); it catches up on read", ex.GetType().Name);
        }
    }

    /// <summary>Replaces the figures and watermarks by a count of a snapshot: every row in force of the year.</summary>
    private void CountAll(StudentLedgerData ledger)
    {
        _subjects.Clear();
        _heard.Clear();
        _newestRow = 0;
        foreach (var (classId, watermark) in ledger.ClassWatermarks)
        {
            _heard[classId] = watermark;
        }
        foreach (var row in ledger.Rows)
        {
            Add(row.Row);
            _newestRow = Math.Max(_newestRow, row.Row.Sequence);
            // A row of a class outside the student's enrolments (none should be): never counted twice either.
            _heard[row.ClassId] = Math.Max(_heard.GetValueOrDefault(row.ClassId), row.Row.Sequence);
        }
    }

    /// <summary>
    /// The diary reads every row of the student anyway: its figures are counted from those very rows, so they can never
    /// disagree with the marks it lists. A live tally that differs was left behind (a send lost between a class's
    /// commit and its acknowledgement, when a silo died) and is replaced; rows committed after this read arrive by
    /// apply above the new watermarks.
    /// </summary>
    private void CatchUp(StudentLedgerData ledger)
    {
        var before = Subjects();
        CountAll(ledger);
        if (!before.SequenceEqual(Subjects()))
        {
            logger.LogWarning("Student figures differed from the journal; counted again from it ({Subjects} subjects)", _subjects.Count);
        }
        TellWatchers();
    }

    public async Task<bool> Apply(string classId, long previous, long watermark, IReadOnlyList<StudentJournalRow> rows)
    {
        if (!_loaded)
        {
            // Woken by a listening this grain's last activation left behind: the class stops sending.
            DeactivateOnIdle();
            return false;
        }
        try
        {
            var heard = _heard.GetValueOrDefault(classId);
            if (watermark <= heard)
            {
                return true; // counted already (read in a snapshot, or sent twice)
            }
            if (previous > heard)
            {
                // The class's last send to this grain is past what it heard: sends in between were lost (a forgotten
                // listening, a dead silo), so count again from the journal rather than add this batch on a gap.
                await LoadAsync(CancellationToken.None);
                return true;
            }
            foreach (var row in rows.Where(r => r.Sequence > heard))
            {
                Add(row);
                _newestRow = Math.Max(_newestRow, row.Sequence);
            }
            _heard[classId] = watermark;
            TellWatchers();
            return true;
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
        await EnsureCurrentAsync();
        return (Watermark, Subjects());
    }

    public async Task<long> Watch(IStudentObserver observer, TimeSpan lease)
    {
        await EnsureCurrentAsync();
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
        var current = await registry.CurrentClassOfStudentAsync(StudentId);
        _academicYear = current?.AcademicYear;
        IReadOnlyList<StudentRowWithTime> rows = [];
        if (current is { } now)
        {
            // Listening again costs one call and renews a listening a reactivated class forgot.
            await ListenAsync(now.ClassId);
            var ledger = await journal.ReadStudentLedgerAsync(StudentId, now.AcademicYear);
            if (_loaded)
            {
                CatchUp(ledger);
            }
            else
            {
                CountAll(ledger);
                _loaded = true;
                TellWatchers();
            }
            rows = ledger.Rows;
        }
        else
        {
            CountAll(new StudentLedgerData([], new Dictionary<string, long>()));
            _loaded = true;
        }
        var marks = rows.Where(r => !r.Row.IsLesson && r.Row.MarkKind is not null)
            .Select(r => new DiaryMark(r.Row.Sequence, r.Row.SubjectId, r.Row.Date, r.Row.MarkKind!.Value, r.Row.Score, r.Row.MaxScore, r.RecordedAt))
            .ToList();
        var attendance = rows.Where(r => r.Row.IsLesson && r.Row.Attendance is not null)
            .Select(r => new DiaryAttendance(r.Row.Sequence, r.Row.SubjectId, r.Row.Date, r.Row.Period, r.Row.Attendance!.Value))
            .ToList();
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
