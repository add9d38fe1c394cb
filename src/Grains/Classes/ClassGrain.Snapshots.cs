using EduInfo.Domain.Journal;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Classes;

// The class's ledger sums kept between activations (issue 26.5, ClassLedgerSnapshot): an activation reads the snapshot and
// the journal after it instead of its whole year; the snapshot is written after every full count, and brought forward
// now and then while loaded and on deactivation. The sums are kept before any rule is applied, so a new policy, calendar day or
// timetable needs no recount; a correction after the snapshot, a new roster or new term dates do.
public sealed partial class ClassGrain
{
    // The watermark of the snapshot as stored (-1: none known to be stored by this activation).
    private long _storedLedger = -1;
    private IGrainTimer? _snapshotTimer;

    private bool KeepsSnapshots => rollupOptions.Value.LedgerSnapshots;

    /// <summary>The students and terms the class's sums are read by (enrolled at any time of the year; the calendar's terms).</summary>
    private (List<string> Students, List<TermSpan> Terms) LedgerScope() => (
        _class!.Enrolments.Select(e => e.StudentId).Distinct(StringComparer.Ordinal).ToList(),
        (_rules?.Calendar?.Terms ?? []).Select(t => new TermSpan(t.Term, t.Starts, t.Ends)).ToList());

    /// <summary>
    /// What the ledger is built from: the snapshot brought forward when there is a good one (and <paramref name="countAll"/>
    /// is not asked), else the journal's sums, which then become the snapshot.
    /// </summary>
    private async Task<ClassLedgerData> ReadLedgerDataAsync(bool countAll, CancellationToken cancellationToken)
    {
        var (students, terms) = LedgerScope();
        if (KeepsSnapshots && !countAll && await ReadFromSnapshotAsync(students, terms, cancellationToken) is { } kept)
        {
            _storedLedger = kept.Stored;
            _metrics?.LedgerLoaded(fromSnapshot: true);
            return kept.Data;
        }
        var data = await journal.ReadClassLedgerAsync(ClassId, _class!.AcademicYear, students, terms, cancellationToken, countScope: KeepsSnapshots);
        _metrics?.LedgerLoaded(fromSnapshot: false);
        if (KeepsSnapshots)
        {
            // After every full count, so that a correction's or a moved pupil's recount is what the timer brings forward.
            await WriteSnapshotAsync(students, terms, data, cancellationToken);
        }
        return data;
    }

    private async Task<(ClassLedgerData Data, long Stored)?> ReadFromSnapshotAsync(List<string> students, List<TermSpan> terms,
        CancellationToken cancellationToken)
    {
        try
        {
            return await journal.ReadClassLedgerFromSnapshotAsync(ClassId, _class!.AcademicYear, students, terms, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A cache: the class counts its year instead, as it did before snapshots.
            logger.LogWarning(ex, "Class {ClassId}: reading the ledger snapshot failed; counting from the journal", ClassId);
            return null;
        }
    }

    private async Task WriteSnapshotAsync(List<string> students, List<TermSpan> terms, ClassLedgerData data, CancellationToken cancellationToken)
    {
        try
        {
            await journal.WriteClassLedgerSnapshotAsync(ClassId, _class!.AcademicYear, students, terms, data, cancellationToken);
            _storedLedger = data.Watermark;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A cache only: the next activation counts from the journal after an older snapshot, or from the start.
            logger.LogWarning(ex, "Class {ClassId}: writing the ledger snapshot failed", ClassId);
        }
    }

    private void StartSnapshotTimer()
    {
        var every = rollupOptions.Value.LedgerSnapshotInterval;
        if (KeepsSnapshots && every > TimeSpan.Zero && _snapshotTimer is null)
        {
            _snapshotTimer = this.RegisterGrainTimer(ct => SaveLedgerSnapshotAsync(ct), new GrainTimerCreationOptions(every, every) { KeepAlive = false });
        }
    }

    /// <summary>
    /// Brings the stored snapshot up to the class's watermark from the rows after it. Never a full count: a snapshot that
    /// cannot be brought forward (a correction or a moved pupil's row after it) was rewritten by the count that followed,
    /// or is left to the next activation's.
    /// </summary>
    private async Task SaveLedgerSnapshotAsync(CancellationToken cancellationToken)
    {
        if (!KeepsSnapshots || _class is null || _ledger is null || _storedLedger == _watermark)
        {
            return;
        }
        var (students, terms) = LedgerScope();
        if (await ReadFromSnapshotAsync(students, terms, cancellationToken) is { } kept)
        {
            await WriteSnapshotAsync(students, terms, kept.Data, cancellationToken);
        }
    }
}
