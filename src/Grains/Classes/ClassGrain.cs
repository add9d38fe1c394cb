using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Classes;

/// <summary>
/// A class: the journal's write path and the class's live figures by term and subject. Batches for one class are
/// serialized by this grain, so the class's rows commit in sequence order; that is what lets students and the class
/// skip rows at or below a watermark. Corrections, term closes and rule changes rebuild the ledger from the journal.
/// </summary>
public sealed class ClassGrain(
    JournalStore journal,
    RegistryStore registry,
    AssessmentStore assessment,
    TimetableStore timetables,
    IOptions<RollupOptions> rollupOptions,
    IOptions<JournalLimits> limits,
    TimeProvider time,
    IKazakhstanClock clock,
    ILogger<ClassGrain> logger) : Grain, IClassGrain
{
    /// <summary>How long the calendar and policies are used before they are fetched again from their grains.</summary>
    private static readonly TimeSpan RulesRefresh = TimeSpan.FromSeconds(30);
    private const int MaxReasonLength = 500;

    private ClassRecord? _class;
    private ClassLedger? _ledger;
    private SchoolCalendar? _calendar;
    private string _rulesFingerprint = "";
    private IReadOnlyList<AssessmentPolicy> _policies = [];
    private DateTimeOffset _rulesFetchedAt = DateTimeOffset.MinValue;
    private long _watermark;
    private CoalescingPublisher? _publisher;
    private NodeSummary? _snapshot;
    private DateOnly _snapshotDay;

    private string ClassId => this.GetPrimaryKeyString();

    private DateOnly Today => clock.Today;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        _publisher?.Request();
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

    /// <summary>Rebuilds from the registry, the rules and the journal (read in one snapshot with the watermark).</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _class = await registry.FindClassAsync(ClassId, cancellationToken);
        if (_class is null)
        {
            return;
        }
        await FetchRulesAsync();
        var terms = (_calendar?.Terms ?? []).Select(t => new TermSpan(t.Term, t.Starts, t.Ends)).ToList();
        var students = _class.Enrolments.Select(e => e.StudentId).Distinct(StringComparer.Ordinal).ToList();
        var data = await journal.ReadClassLedgerAsync(ClassId, _class.AcademicYear, students, terms, cancellationToken);
        _watermark = data.Watermark;
        var ledger = new ClassLedger(_class.OrganizationKind, _class.Grade, _calendar, _policies, data.ClosedTerms, _class.Enrolments,
            _class.Assignments.Select(a => a.SubjectId).ToHashSet(StringComparer.Ordinal));
        foreach (var m in data.RecordedMarks)
        {
            ledger.AddRecordedMarks(m.SubjectId, m.Term, m.Kind, m.Count, m.ScoreSum, m.MaxSum);
        }
        foreach (var m in data.StudentMarks)
        {
            ledger.AddStudentWork(m.StudentId, m.SubjectId, m.Term, m.Kind, m.Count, m.ScoreSum, m.MaxSum);
        }
        foreach (var l in data.Lessons)
        {
            ledger.AddLessons(l.SubjectId, l.Term, new SummaryFigures
            {
                LessonsHeld = l.Lessons,
                SeatsHeld = l.Seats,
                Attended = l.Seats - l.Unexcused - l.Excused - l.Sick,
                Late = l.Late,
                AbsentUnexcused = l.Unexcused,
                AbsentExcused = l.Excused,
                AbsentSick = l.Sick,
            });
        }
        foreach (var s in data.Seats)
        {
            ledger.AddSeats(s.StudentId, s.Date, s.Seats, s.Missed);
        }
        foreach (var e in data.Excusals ?? [])
        {
            ledger.AddExcusal(e.StudentId, e.SubjectId, e.Term, e.Kind);
        }
        var calendar = _calendar;
        var cls = _class;
        ledger.SetTimetable(await timetables.ReadAsync(ClassId, cancellationToken),
            day => calendar?.Check(day, cls.SchoolWeek, cls.Grade, cls.Path ?? []) == DayStatus.SchoolDay);
        _ledger = ledger;
        _snapshot = null;
        _publisher ??= new CoalescingPublisher(this,
            this.GetStreamProvider(RollupStreams.Provider).GetStream<NodeSummary>(StreamId.Create(RollupStreams.ToOrganization, _class.OrganizationId)),
            Snapshot, rollupOptions.Value.CoalescingInterval, time, logger);
    }

    /// <summary>Fetches the calendar and the policy versions; true when they differ from those the ledger was built on.</summary>
    private async Task<bool> FetchRulesAsync()
    {
        var calendar = await GrainFactory.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(_class!.AcademicYear, _class.OrganizationKind)).Get();
        var policies = await GrainFactory.GetGrain<IAssessmentPolicyGrain>(_class.OrganizationKind).GetVersions();
        _rulesFetchedAt = time.GetUtcNow();
        var fingerprint = JsonSerializer.Serialize(new { calendar, policies });
        var changed = fingerprint != _rulesFingerprint;
        _rulesFingerprint = fingerprint;
        _calendar = calendar is null ? null : new SchoolCalendar(calendar);
        _policies = policies.Where(p => PolicyDocuments.Validate(p, DateOnly.MinValue).Count == 0)
            .Select(PolicyDocuments.ToPolicy).ToList();
        return changed;
    }

    /// <summary>Before a write: refreshes the rules when due, and rebuilds when they changed (a frost day, a new policy).</summary>
    private async Task RefreshRulesAsync()
    {
        if (time.GetUtcNow() - _rulesFetchedAt >= RulesRefresh && await FetchRulesAsync())
        {
            await LoadAsync(CancellationToken.None);
            _publisher!.Request();
        }
    }

    public Task<NodeSummary> GetSummary() => Task.FromResult(Snapshot());

    public async Task Refresh()
    {
        // The figures move without a row of this class: a new version, or the parents would keep the old summary.
        await registry.BumpClassVersionAsync(ClassId);
        await LoadAsync(CancellationToken.None);
        _publisher?.Request();
    }

    public async Task<RegistryOutcome> ReplaceTimetable(Actor actor, TimetableDocument timetable)
    {
        // Checked against the registry as it is now, not as this class loaded it: an import may have added a group since.
        if (await registry.FindClassAsync(ClassId) is not { } cls)
        {
            return new RegistryOutcome([new("classId", RegistryError.NotFound)]);
        }
        var teaching = new ClassTeaching(ClassId, cls.AcademicYear, (cls.Groups ?? []).Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal),
            cls.Assignments.Select(a => (a.GroupId, a.SubjectId)).ToHashSet());
        var validated = TimetableValidator.Validate(timetable, teaching);
        if (!validated.IsValid)
        {
            return new RegistryOutcome(validated.Problems);
        }
        await timetables.ReplaceAsync(ClassId, validated.ValidFrom, validated.Slots.Select(s => (s.GroupId, s.SubjectId, s.Weekday, s.Period)).ToList(),
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "timetable.replace", "class", ClassId, cls.OrganizationId, "committed"));
        // The store gave the class a new version with the slots: completeness is counted again and republished.
        await RebuildAfterAsync([]);
        return RegistryOutcome.Done;
    }

    /// <summary>
    /// Rows of students who have moved to another class still count here (where recorded), but their term metrics count
    /// in their current class, which must hear of it. Not awaited: two classes may notify each other at once.
    /// </summary>
    private async Task NotifyCurrentClassesAsync(IEnumerable<string> studentIds)
    {
        var here = _ledger?.RosterOn(Today).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var studentId in studentIds.Where(s => !here.Contains(s)).Distinct(StringComparer.Ordinal))
        {
            if (await registry.CurrentClassOfStudentAsync(studentId) is { } current && current.ClassId != ClassId)
            {
                _ = GrainFactory.GetGrain<IClassGrain>(current.ClassId).Refresh().ContinueWith(
                    t => logger.LogWarning(t.Exception, "Class {ClassId}: refreshing a student's current class failed", ClassId),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
            }
        }
    }

    public async Task<NodeSummary> Reconcile()
    {
        var committed = await registry.ClassWatermarkAsync(ClassId);
        if (committed != _watermark)
        {
            logger.LogInformation("Class {ClassId}: watermark {Held} differs from journal {Committed}; rebuilding", ClassId, _watermark, committed);
            await LoadAsync(CancellationToken.None);
            _publisher?.Request();
        }
        return Snapshot();
    }

    /// <summary>Whether lessons may be recorded on a date: a school day of the class's calendar in a term still open.</summary>
    private JournalError? DayRule(DateOnly date)
    {
        if (_calendar is null)
        {
            return JournalError.CalendarMissing;
        }
        if (SchoolCalendar.ErrorOf(_calendar.Check(date, _class!.SchoolWeek, _class.Grade, _class.Path ?? [])) is { } error)
        {
            return error;
        }
        return _ledger!.ClosedTerms.Contains(_calendar.TermOf(date)) ? JournalError.TermClosed : null;
    }

    /// <summary>The formative scale of the policy the date's term is assessed under.</summary>
    private int FormativeScaleOn(DateOnly date) => _ledger?.PolicyOf(_ledger.TermOf(date))?.FormativeScale ?? limits.Value.FormativeScale;

    /// <summary>The batch checked against the class and its rules (null: no such class).</summary>
    private async Task<ValidatedBatch<NewMark>?> ValidateAsync(Actor actor, MarkBatch batch)
    {
        if (_class is null)
        {
            return null;
        }
        await RefreshRulesAsync();
        return JournalBatchValidator.ValidateMarks(_class, actor.PersonId, batch, Today, limits.Value, DayRule, FormativeScaleOn);
    }

    private async Task<ValidatedBatch<NewLesson>?> ValidateAsync(Actor actor, LessonBatch batch)
    {
        if (_class is null)
        {
            return null;
        }
        await RefreshRulesAsync();
        return JournalBatchValidator.ValidateLessons(_class, actor.PersonId, batch, Today, limits.Value, DayRule);
    }

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
        }, perStudent, result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    public async Task<IReadOnlyList<EntryProblem>> CheckMarks(Actor actor, MarkBatch batch) =>
        (await ValidateAsync(actor, batch))?.Problems ?? NotFound().Problems;

    public async Task<IReadOnlyList<EntryProblem>> CheckLessons(Actor actor, LessonBatch batch) =>
        (await ValidateAsync(actor, batch))?.Problems ?? NotFound().Problems;

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
        var lessons = inserted.Select(l => (Lesson: l, Codes: Absences(l.AbsentIds, l.AbsentCodes))).ToList();
        var perStudent = new Dictionary<string, List<StudentJournalRow>>(StringComparer.Ordinal);
        foreach (var (lesson, codes) in lessons)
        {
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
        await ApplyAsync(() =>
        {
            foreach (var (lesson, codes) in lessons)
            {
                _ledger!.RecordLesson(lesson.SubjectId, lesson.Date, lesson.Roster, codes);
            }
        }, perStudent.Select(p => (p.Key, (IReadOnlyList<StudentJournalRow>)p.Value)).ToList(), result);
        return Accepted(validated.Rows.Select(r => r.EntryId), result);
    }

    private static Dictionary<string, AbsenceCode> Absences(IReadOnlyList<string> ids, IReadOnlyList<string> codes) =>
        ids.Zip(codes, (id, code) => (id, ok: JournalNames.TryParseAbsence(code, out var parsed), parsed))
            .Where(x => x.ok)
            .ToDictionary(x => x.id, x => x.parsed, StringComparer.Ordinal);

    public async Task<BatchOutcome> Correct(Actor actor, CorrectionRequest correction)
    {
        if (_class is null)
        {
            return NotFound();
        }
        await RefreshRulesAsync();
        var problems = new List<EntryProblem>();
        if (correction.EntryId is null || correction.EntryId == Guid.Empty)
        {
            problems.Add(new("entryId", JournalError.Required, []));
        }
        if (correction.Supersedes is null)
        {
            problems.Add(new("supersedes", JournalError.Required, []));
        }
        var isVoid = correction.Action == "void";
        if (correction.Action is null)
        {
            problems.Add(new("action", JournalError.Required, []));
        }
        else if (correction.Action is not ("replace" or "void"))
        {
            problems.Add(new("action", JournalError.CorrectionActionUnknown, [correction.Action]));
        }
        CheckReason(correction.Reason, problems);
        if (problems.Count > 0)
        {
            return BatchOutcome.Rejected(problems);
        }

        var original = await journal.FindRowAsync(_class.AcademicYear, correction.Supersedes!.Value);
        if (original is null || original.ClassId != ClassId || original.EntryKind == "void")
        {
            return BatchOutcome.Rejected([new("supersedes", JournalError.EntryNotFound, [])]);
        }
        // An excusal is the head's decision: only the head voids it. Marks and roll-calls: the subject's teacher or the head.
        var mayCorrect = IsHead(actor) || (original.EntryKind != "excusal"
            && _class.Assignments.Any(a => a.TeacherId == actor.PersonId && a.SubjectId == original.SubjectId && a.GroupId == original.GroupId
                                           && a.CoversDate(original.Date)));
        if (!mayCorrect)
        {
            return BatchOutcome.Rejected([new("supersedes", JournalError.NotAllowed, [])]);
        }
        if (original.EntryKind == "excusal" && !isVoid)
        {
            return BatchOutcome.Rejected([new("action", JournalError.CorrectionActionUnknown, [correction.Action!])]);
        }
        if (_calendar is not null && _ledger!.ClosedTerms.Contains(_calendar.TermOf(original.Date)))
        {
            return BatchOutcome.Rejected([new("supersedes", JournalError.TermClosed, [])]);
        }

        int? score = null, maxScore = null;
        List<string>? absentIds = null, absentCodes = null;
        if (!isVoid && original.EntryKind == "mark")
        {
            (score, maxScore) = CheckReplacementMark(original, correction, problems);
        }
        else if (!isVoid)
        {
            (absentIds, absentCodes) = CheckReplacementAbsences(original, correction, problems);
        }
        if (problems.Count > 0)
        {
            return BatchOutcome.Rejected(problems);
        }

        var hash = JournalBatchValidator.Hash(ClassId, "correction", original.Sequence.ToString(),
            correction.Action!, score?.ToString() ?? "", maxScore?.ToString() ?? "",
            string.Join(',', (absentIds ?? []).Zip(absentCodes ?? [], (id, code) => $"{id}:{code}").Order(StringComparer.Ordinal)),
            correction.Reason!);
        var (outcome, sequence) = await journal.AppendCorrectionAsync(Context(actor),
            new NewCorrection(correction.EntryId!.Value, original.Sequence, isVoid, correction.Reason!.Trim(), score, maxScore, absentIds, absentCodes, hash));
        switch (outcome)
        {
            case CorrectionOutcome.Conflict:
                return BatchOutcome.Rejected([new("entryId", JournalError.EntryIdConflict, [])]);
            case CorrectionOutcome.AlreadyCorrected:
                return BatchOutcome.Rejected([new("supersedes", JournalError.EntryAlreadyCorrected, [])]);
            case CorrectionOutcome.Inserted:
                await RebuildAfterAsync(original.StudentId is { } s ? [s] : original.Roster ?? []);
                break;
        }
        return new BatchOutcome(true,
            [new EntryResult(correction.EntryId.Value, outcome == CorrectionOutcome.Inserted ? EntryStatus.Inserted : EntryStatus.Duplicate, sequence)],
            [], _watermark);
    }

    private (int? Score, int? MaxScore) CheckReplacementMark(JournalRow original, CorrectionRequest correction, List<EntryProblem> problems)
    {
        var formative = original.MarkKind == "formative";
        var development = original.MarkKind == "development";
        var scale = development ? JournalBatchValidator.DevelopmentLevels : FormativeScaleOn(original.Date);
        var maxScore = formative || development ? scale : correction.MaxScore ?? original.MaxScore!.Value;
        if ((formative || development) && correction.MaxScore is { } given && given != scale)
        {
            problems.Add(new("maxScore", JournalError.MaxScoreNotAllowed, [scale.ToString()]));
        }
        else if (!formative && maxScore is < 1 || maxScore > limits.Value.MaxSummativeScore)
        {
            problems.Add(new("maxScore", JournalError.MaxScoreOutOfRange, ["1", limits.Value.MaxSummativeScore.ToString()]));
        }
        var min = formative || development ? 1 : 0;
        if (correction.Score is null)
        {
            problems.Add(new("score", JournalError.Required, []));
        }
        else if (correction.Score < min || correction.Score > maxScore)
        {
            problems.Add(new("score", JournalError.ScoreOutOfRange, [min.ToString(), maxScore.ToString()]));
        }
        return (correction.Score, maxScore);
    }

    private static (List<string>, List<string>) CheckReplacementAbsences(JournalRow original, CorrectionRequest correction, List<EntryProblem> problems)
    {
        var ids = new List<string>();
        var codes = new List<string>();
        var absentees = correction.Absentees ?? [];
        for (var i = 0; i < absentees.Count; i++)
        {
            var field = $"absentees[{i}]";
            if (absentees[i] is not { } absentee || absentee.StudentId is null)
            {
                problems.Add(new($"{field}.studentId", JournalError.Required, []));
                continue;
            }
            if (!(original.Roster ?? []).Contains(absentee.StudentId))
            {
                problems.Add(new($"{field}.studentId", JournalError.StudentNotInClass, []));
            }
            else if (ids.Contains(absentee.StudentId))
            {
                problems.Add(new($"{field}.studentId", JournalError.AbsenteeDuplicate, []));
            }
            if (absentee.Code is null)
            {
                problems.Add(new($"{field}.code", JournalError.Required, []));
            }
            else if (!JournalNames.TryParseAbsence(absentee.Code, out _))
            {
                problems.Add(new($"{field}.code", JournalError.AbsenceCodeUnknown, [absentee.Code]));
            }
            ids.Add(absentee.StudentId);
            codes.Add(absentee.Code ?? "");
        }
        return (ids, codes);
    }

    private static void CheckReason(string? reason, List<EntryProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new("reason", JournalError.ReasonRequired, []));
        }
        else if (reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            problems.Add(new("reason", JournalError.ReasonTooLong, [MaxReasonLength.ToString()]));
        }
    }

    public async Task<BatchOutcome> Excuse(Actor actor, ExcusalRequest excusal)
    {
        if (_class is null)
        {
            return NotFound();
        }
        await RefreshRulesAsync();
        if (!IsHead(actor))
        {
            return BatchOutcome.Rejected([new("studentId", JournalError.NotAllowed, [])]);
        }
        var problems = new List<EntryProblem>();
        if (excusal.EntryId is null || excusal.EntryId == Guid.Empty)
        {
            problems.Add(new("entryId", JournalError.Required, []));
        }
        if (string.IsNullOrEmpty(excusal.StudentId))
        {
            problems.Add(new("studentId", JournalError.Required, []));
        }
        else if (!_class.Enrolments.Any(e => e.StudentId == excusal.StudentId))
        {
            problems.Add(new("studentId", JournalError.StudentNotInClass, []));
        }
        if (string.IsNullOrEmpty(excusal.SubjectId))
        {
            problems.Add(new("subjectId", JournalError.Required, []));
        }
        else if (!_class.Assignments.Any(a => a.SubjectId == excusal.SubjectId))
        {
            problems.Add(new("subjectId", JournalError.SubjectUnknown, []));
        }
        var kind = MarkKind.Section;
        if (excusal.Kind is null)
        {
            problems.Add(new("kind", JournalError.Required, []));
        }
        else if (!JournalNames.TryParseMarkKind(excusal.Kind, out kind) || kind is not (MarkKind.Section or MarkKind.Term))
        {
            problems.Add(new("kind", JournalError.MarkKindUnknown, [excusal.Kind]));
        }
        CheckReason(excusal.Reason, problems);
        (DateOnly Starts, DateOnly Ends)? dates = null;
        if (excusal.Term is not { } term)
        {
            problems.Add(new("term", JournalError.Required, []));
        }
        else if (_calendar is null)
        {
            problems.Add(new("term", JournalError.CalendarMissing, []));
        }
        else if ((dates = _calendar.Dates(term)) is null)
        {
            problems.Add(new("term", JournalError.TermUnknown, []));
        }
        else if (dates.Value.Starts > Today)
        {
            problems.Add(new("term", JournalError.TermNotStarted, []));
        }
        else if (_ledger!.ClosedTerms.Contains(term))
        {
            problems.Add(new("term", JournalError.TermClosed, []));
        }
        if (problems.Count > 0)
        {
            return BatchOutcome.Rejected(problems);
        }
        var hash = JournalBatchValidator.Hash(ClassId, "excusal", excusal.StudentId!, excusal.SubjectId!,
            excusal.Term!.Value.ToString(), JournalNames.Of(kind), excusal.Reason!);
        var (outcome, sequence) = await journal.AppendExcusalAsync(Context(actor), excusal.EntryId!.Value, excusal.StudentId!, excusal.SubjectId!,
            dates!.Value.Starts, kind, excusal.Reason!.Trim(), hash);
        if (outcome == CorrectionOutcome.Conflict)
        {
            return BatchOutcome.Rejected([new("entryId", JournalError.EntryIdConflict, [])]);
        }
        if (outcome == CorrectionOutcome.Inserted)
        {
            await RebuildAfterAsync([]);
        }
        return new BatchOutcome(true,
            [new EntryResult(excusal.EntryId.Value, outcome == CorrectionOutcome.Inserted ? EntryStatus.Inserted : EntryStatus.Duplicate, sequence)],
            [], _watermark);
    }

    private bool IsHead(Actor actor) => actor.Grants.Any(g => g.Role == Role.Head && (_class!.Path ?? [_class.OrganizationId]).Contains(g.ScopeId));

    public async Task<BatchOutcome> SetTermClosed(Actor actor, int term, bool close, string? reason)
    {
        if (_class is null)
        {
            return NotFound();
        }
        await RefreshRulesAsync();
        if (!IsHead(actor))
        {
            return BatchOutcome.Rejected([new("term", JournalError.NotAllowed, [])]);
        }
        var problems = new List<EntryProblem>();
        if (!close || reason is not null)
        {
            CheckReason(reason, problems);
        }
        if (_calendar is null)
        {
            problems.Add(new("term", JournalError.CalendarMissing, []));
        }
        else if (_calendar.Dates(term) is not { } dates)
        {
            problems.Add(new("term", JournalError.TermUnknown, []));
        }
        else if (dates.Starts > Today)
        {
            problems.Add(new("term", JournalError.TermNotStarted, []));
        }
        if (problems.Count > 0)
        {
            return BatchOutcome.Rejected(problems);
        }
        var closed = _ledger!.ClosedTerms.Contains(term);
        if (close == closed)
        {
            return BatchOutcome.Rejected([new("term", close ? JournalError.TermAlreadyClosed : JournalError.TermNotClosed, [])]);
        }
        await assessment.RecordTermEventAsync(ClassId, _class.AcademicYear, term, close, reason?.Trim(),
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, close ? "term.close" : "term.reopen", "class", ClassId, _class.OrganizationId, "committed"));
        await RebuildAfterAsync([]);
        return new BatchOutcome(true, [], [], _watermark);
    }

    /// <summary>
    /// After a correction, an excusal or a term event: rebuild from the journal, republish, and let the students concerned
    /// rebuild. The change is committed, so a failure here never fails the answer: the grain deactivates and rebuilds.
    /// </summary>
    private async Task RebuildAfterAsync(IReadOnlyList<string> students)
    {
        try
        {
            await LoadAsync(CancellationToken.None);
            _publisher!.Request();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Class {ClassId}: rebuilding after a committed change failed; deactivating to rebuild on next use", ClassId);
            DeactivateOnIdle();
        }
        try
        {
            await NotifyCurrentClassesAsync(students);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Class {ClassId}: could not notify the classes of students who moved on", ClassId);
        }
        await Task.WhenAll(students.Select(async s =>
        {
            try
            {
                await GrainFactory.GetGrain<IStudentGrain>(s).Rebuild();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Class {ClassId}: a student rebuild failed; it rebuilds on its next activation", ClassId);
            }
        }));
    }

    public async Task<ClassJournalView?> GetJournal(string subjectId, int term)
    {
        if (_class is null || _calendar?.Dates(term) is not { } dates || _ledger is null)
        {
            return null;
        }
        var rows = await journal.ReadClassSubjectRowsAsync(ClassId, _class.AcademicYear, subjectId, dates.Starts, dates.Ends);
        var roster = _ledger.RosterOn(dates.Ends < Today ? dates.Ends : Today);
        var lessons = rows.Where(r => r.EntryKind == "lesson")
            .Select(r => new JournalGridLesson(r.Sequence, r.Date, r.Period ?? 0, r.Roster?.Count ?? 0,
                Absences(r.AbsentIds ?? [], r.AbsentCodes ?? []).Count(a => a.Value != AbsenceCode.Late)))
            .ToList();
        var students = roster.Order(StringComparer.Ordinal).Select(studentId => new JournalGridStudent(
            studentId,
            rows.Where(r => r.EntryKind == "mark" && r.StudentId == studentId && JournalNames.TryParseMarkKind(r.MarkKind!, out _))
                .Select(r => { JournalNames.TryParseMarkKind(r.MarkKind!, out var kind); return new JournalGridMark(r.Sequence, r.Date, kind, r.Score ?? 0, r.MaxScore ?? 0); })
                .ToList(),
            rows.Where(r => r.EntryKind == "lesson")
                .SelectMany(r => Absences(r.AbsentIds ?? [], r.AbsentCodes ?? []).Where(a => a.Key == studentId)
                    .Select(a => new JournalGridAbsence(r.Sequence, r.Date, r.Period ?? 0, a.Value)))
                .ToList(),
            _ledger.ResultOf(studentId, term, subjectId) is { } result ? Standings.Of(_ledger, studentId, term, subjectId, result) : null)).ToList();
        return new ClassJournalView(ClassId, subjectId, term, dates.Starts, dates.Ends, _ledger.ClosedTerms.Contains(term), lessons, students, _watermark);
    }

    public Task<StudentStandings> GetStandings(string studentId)
    {
        var standings = new List<TermStanding>();
        var terms = _calendar?.Terms ?? [];
        if (_ledger is not null)
        {
            var perSubject = new Dictionary<string, List<TermResult>>(StringComparer.Ordinal);
            foreach (var (term, starts, _) in terms.Where(t => t.Starts <= Today))
            {
                foreach (var subjectId in _ledger.SubjectsOf(term))
                {
                    if (_ledger.ResultOf(studentId, term, subjectId) is not { } result || result.Outcome == TermOutcome.Descriptive)
                    {
                        continue;
                    }
                    standings.Add(Standings.Of(_ledger, studentId, term, subjectId, result));
                    if (!perSubject.TryGetValue(subjectId, out var list))
                    {
                        perSubject[subjectId] = list = [];
                    }
                    list.Add(result);
                }
            }
            var yearFinal = terms.Count > 0 && terms.All(t => _ledger.ClosedTerms.Contains(t.Term));
            foreach (var (subjectId, results) in perSubject)
            {
                if (_ledger.Annual(results) is { } annual)
                {
                    standings.Add(Standings.Annual(_ledger, subjectId, annual, yearFinal));
                }
            }
        }
        return Task.FromResult(new StudentStandings(ClassId,
            terms.Select(t => new TermDates(t.Term, t.Starts, t.Ends)).ToList(),
            _ledger?.ClosedTerms.Order().ToList() ?? [],
            standings));
    }

    /// <summary>
    /// Applies committed rows to this class and its students, after the commit and before the ack. A failure here
    /// never fails the ack (the rows are committed), and never keeps the rows from the students: a class that failed
    /// to count them deactivates and rebuilds from the journal, a student that did not take them is asked to rebuild,
    /// and a student's diary catches up from the journal on read whatever was lost on the way.
    /// </summary>
    private async Task ApplyAsync(Action applyToClass, IReadOnlyList<(string StudentId, IReadOnlyList<StudentJournalRow> Rows)> perStudent,
        AppendResult result)
    {
        if (result.Inserted.Count == 0)
        {
            return;
        }
        _snapshot = null;
        _watermark = Math.Max(_watermark, result.Inserted.Values.Max());
        try
        {
            applyToClass();
            _publisher!.Request();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Class {ClassId}: applying committed rows failed; rebuilding from the journal", ClassId);
            DeactivateOnIdle();
        }

        try
        {
            await NotifyCurrentClassesAsync(perStudent.Select(s => s.StudentId));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Class {ClassId}: could not notify the classes of students who moved on", ClassId);
        }
        var missed = new List<string>();
        await Task.WhenAll(perStudent.Select(async s =>
        {
            try
            {
                await GrainFactory.GetGrain<IStudentGrain>(s.StudentId).Apply(ClassId, s.Rows);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Class {ClassId}: a student apply failed ({Error}); asking the student to rebuild from the journal", ClassId, ex.GetType().Name);
                missed.Add(s.StudentId);
            }
        }));
        await Task.WhenAll(missed.Select(async studentId =>
        {
            try
            {
                await GrainFactory.GetGrain<IStudentGrain>(studentId).Rebuild();
            }
            catch (Exception ex)
            {
                // Its diary still catches up from the journal when it is read.
                logger.LogWarning("Class {ClassId}: a student rebuild failed too ({Error})", ClassId, ex.GetType().Name);
            }
        }));
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

    /// <summary>
    /// The class's summary. Dashboards and the publisher ask for it far more often than it changes, so the figures are
    /// kept until a write, a rebuild or a new day moves them.
    /// </summary>
    private NodeSummary Snapshot()
    {
        if (_class is null || _ledger is null)
        {
            return new NodeSummary(ClassId, NodeKind.Class, _watermark, SummaryFigures.Zero, clock.UtcNow);
        }
        var today = Today;
        if (_snapshot is null || _snapshotDay != today || _snapshot.Version != _watermark)
        {
            var cells = _ledger.Cells(today);
            cells.Remove(SummaryKey.Total, out var total);
            _snapshot = new NodeSummary(ClassId, NodeKind.Class, _watermark, total ?? SummaryFigures.Zero, clock.UtcNow, SummaryCells.ToList(cells), _class.AcademicYear);
            _snapshotDay = today;
            return _snapshot;
        }
        return _snapshot with { AsOf = clock.UtcNow };
    }
}
