using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Live;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Classes;

/// <summary>
/// A class: the journal's write path and the class's live figures by term and subject. Batches for one class are
/// serialized by this grain, so the class's rows commit in sequence order; that is what lets students and the class
/// skip rows at or below a watermark. Corrections, term closes and rule changes rebuild the ledger from the journal.
/// The grain keeps state, ordering and I/O; the rules are Domain's (<see cref="JournalBatchValidator"/>,
/// <see cref="CorrectionValidator"/>, <see cref="ExcusalValidator"/>, <see cref="TermCloseValidator"/>,
/// <see cref="ClassLedger"/>) and the reads are read models (<see cref="JournalGrid"/>, <see cref="StandingsView"/>).
/// Its parts: this file (loading, rules, summary), batches, corrections and reads.
/// </summary>
public sealed partial class ClassGrain(
    JournalStore journal,
    RegistryStore registry,
    AssessmentStore assessment,
    TimetableStore timetables,
    EduInfo.Storage.YearEnd.AcademicYearStore years,
    IOptions<RollupOptions> rollupOptions,
    IOptions<JournalLimits> limits,
    TimeProvider time,
    IKazakhstanClock clock,
    ILogger<ClassGrain> logger) : Grain, IClassGrain
{
    /// <summary>How long the calendar and policies are used before they are fetched again from their grains.</summary>
    private static readonly TimeSpan RulesRefresh = TimeSpan.FromSeconds(30);

    private ClassRecord? _class;
    private ClassLedger? _ledger;
    // The rules as last fetched (shared with the silo's other classes of the kind and year); the ledger's
    // <see cref="ClassLedger.Rules"/> are built from them at each load.
    private ClassRuleSet? _rules;
    private DateTimeOffset _rulesFetchedAt = DateTimeOffset.MinValue;
    private long _watermark;
    // When the newest row this activation applied live was committed (null in a new activation: rows read back from the
    // journal are not news, and would make freshness after a restart look like hours).
    private DateTimeOffset? _newestCommit;
    private RollupMetrics? _metrics;
    private CoalescingPublisher? _publisher;
    private readonly Watchers<ISummaryObserver> _watchers = new();
    private NodeSummary? _snapshot;
    private DateOnly _snapshotDay;

    private string ClassId => this.GetPrimaryKeyString();

    private DateOnly Today => clock.Today;

    /// <summary>The calendar, closed terms and policies of the class as loaded (a loaded class always has its ledger).</summary>
    private ClassRules Rules => _ledger!.Rules;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _metrics = ServiceProvider.GetRequiredService<RollupMetrics>();
        await LoadAsync(cancellationToken);
        StartSnapshotTimer();
        // On a turn of its own, after the call that activated the class: a parent's pull answered first is not published again.
        _publisher?.RequestLater();
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
        // A silo shutting down is seen by the Api as a lost silo (its watches renew); telling each watcher would only fail.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            _watchers.Notify(time.GetUtcNow(), w => w.Leaving());
        }
        await SaveLedgerSnapshotAsync(cancellationToken);
    }

    /// <summary>
    /// Rebuilds from the registry, the rules and the journal (read in one snapshot with the watermark): from the class's
    /// ledger snapshot and the rows after it, or, when there is none or <paramref name="countAll"/>, the whole year.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken, bool countAll = false)
    {
        // The timetable with the class (one round trip): only this grain replaces it, so it cannot move in between.
        if (await registry.FindClassStandingAsync(ClassId, withTimetable: true, cancellationToken) is not { } standing)
        {
            _class = null;
            return;
        }
        _class = standing.Class;
        await FetchRulesAsync();
        _yearClosed = standing.YearClosed;
        var data = await ReadLedgerDataAsync(countAll, cancellationToken);
        _watermark = data.Watermark;
        _ledger = ClassLedger.FromJournal(_class, _rules!.Calendar, _rules.Policies, limits.Value.FormativeScale, data, standing.Timetable!);
        _snapshot = null;
        _publisher ??= NewPublisher(standing.YearLive);
    }

    /// <summary>Fetches the calendar and the policy versions; true when they differ from those the ledger was built on.</summary>
    private async Task<bool> FetchRulesAsync()
    {
        var rules = await ServiceProvider.GetRequiredService<ClassRulesMemo>().GetAsync(GrainFactory, _class!.AcademicYear, _class.OrganizationKind);
        _rulesFetchedAt = time.GetUtcNow();
        var changed = rules.Fingerprint != _rules?.Fingerprint;
        _rules = rules;
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

    public Task<NodeSummary> Watch(ISummaryObserver observer, TimeSpan lease)
    {
        _watchers.Watch(observer, lease, time.GetUtcNow());
        return Task.FromResult(Snapshot());
    }

    public Task Unwatch(ISummaryObserver observer)
    {
        _watchers.Unwatch(observer);
        return Task.CompletedTask;
    }

    public async Task Refresh()
    {
        // The figures move without a row of this class: a new version, or the parents would keep the old summary.
        await registry.BumpClassVersionAsync(ClassId);
        // Rows of its students written in another class: counted from the journal (a snapshot reads this class's order).
        await LoadAsync(CancellationToken.None, countAll: true);
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
        var validated = TimetableValidator.Validate(timetable, teaching, limits.Value.MaxPeriod); // the lessons' bound, so a slot is never one a roll-call refuses
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

    public Task<NodeSummary> Reconcile() => ReconcileAsync(null);

    public async Task<NodeSummary> ReconcileTo(long journalVersion)
    {
        var summary = await ReconcileAsync(journalVersion);
        _publisher?.Delivered(summary);
        return summary;
    }

    private async Task<NodeSummary> ReconcileAsync(long? journalVersion)
    {
        // The parent read the journal's watermark a moment ago: the class that holds it has nothing to ask.
        if (journalVersion == _watermark)
        {
            return Snapshot();
        }
        var committed = await registry.ClassWatermarkAsync(ClassId);
        if (committed != _watermark)
        {
            logger.LogInformation("Class {ClassId}: watermark {Held} differs from journal {Committed}; rebuilding", ClassId, _watermark, committed);
            // From the snapshot when it is good (it checks itself against the journal's rows): watermarks also move
            // without rows (the day's roll, a calendar change), and every loaded class would count its year each time.
            await LoadAsync(CancellationToken.None);
            _publisher?.Request();
        }
        return Snapshot();
    }

    /// <summary>The writer as the journal's rules see the actor: their person and the scopes they are head of.</summary>
    private static JournalWriter WriterOf(Actor actor) =>
        new(actor.PersonId, actor.Grants.Where(g => g.Role == Role.Head).Select(g => g.ScopeId).ToList());

    private JournalWriteContext Context(Actor actor) =>
        new(_class!.AcademicYear, ClassId, ClassId, _class.OrganizationId, actor.UserId, actor.ClientAddress, actor.Roles);

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
            _snapshot = ClassSummaries.Of(_class, _ledger, today, _watermark, clock.UtcNow, _newestCommit);
            _snapshotDay = today;
            return _snapshot;
        }
        return _snapshot with { AsOf = clock.UtcNow };
    }
}
