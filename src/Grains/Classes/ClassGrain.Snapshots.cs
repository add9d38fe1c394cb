using EduInfo.Domain.Journal;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Classes;

// The class's ledger sums kept between activations (issue 26.5, ClassLedgerSnapshot): an activation reads the snapshot and
// the journal after it instead of its whole year; the snapshot is brought up to date after a full count, now and then
// while loaded, and on deactivation. The sums are kept before any rule is applied, so a new policy, calendar day or
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
        (_calendar?.Terms ?? []).Select(t => new TermSpan(t.Term, t.Starts, t.Ends)).ToList());

    /// <summary>
    /// What the ledger is built from: the snapshot brought forward when there is a good one (and <paramref name="countAll"/>
    /// is not asked), else the journal's sums, which then become the snapshot if this is the activation.
    /// </summary>
    private async Task<ClassLedgerData> ReadLedgerDataAsync(bool countAll, bool activating, CancellationToken cancellationToken)
    {
        var (students, terms) = LedgerScope();
        if (KeepsSnapshots && !countAll
            && await journal.ReadClassLedgerFromSnapshotAsync(ClassId, _class!.AcademicYear, students, terms, cancellationToken) is { } kept)
        {
            _storedLedger = kept.Stored;
            _metrics?.LedgerLoaded(fromSnapshot: true);
            return kept.Data;
        }
        var data = await journal.ReadClassLedgerAsync(ClassId, _class!.AcademicYear, students, terms, cancellationToken);
        _metrics?.LedgerLoaded(fromSnapshot: false);
        if (KeepsSnapshots && activating)
        {
            await journal.WriteClassLedgerSnapshotAsync(ClassId, _class.AcademicYear, students, terms, data, cancellationToken);
            _storedLedger = data.Watermark;
        }
        return data;
    }

    private void StartSnapshotTimer()
    {
        var every = rollupOptions.Value.LedgerSnapshotInterval;
        if (KeepsSnapshots && every > TimeSpan.Zero && _snapshotTimer is null)
        {
            _snapshotTimer = this.RegisterGrainTimer(_ => SaveLedgerSnapshotAsync(), new GrainTimerCreationOptions(every, every) { KeepAlive = false });
        }
    }

    /// <summary>Brings the stored snapshot up to the class's watermark (from the snapshot and the rows after it, or a full count).</summary>
    private async Task SaveLedgerSnapshotAsync()
    {
        if (!KeepsSnapshots || _class is null || _ledger is null || _storedLedger == _watermark)
        {
            return;
        }
        try
        {
            var (students, terms) = LedgerScope();
            var data = (await journal.ReadClassLedgerFromSnapshotAsync(ClassId, _class.AcademicYear, students, terms))?.Data
                ?? await journal.ReadClassLedgerAsync(ClassId, _class.AcademicYear, students, terms);
            await journal.WriteClassLedgerSnapshotAsync(ClassId, _class.AcademicYear, students, terms, data);
            _storedLedger = data.Watermark;
        }
        catch (Exception ex)
        {
            // A cache only: the next activation counts from the journal after an older snapshot, or from the start.
            logger.LogWarning(ex, "Class {ClassId}: writing the ledger snapshot failed", ClassId);
        }
    }
}
