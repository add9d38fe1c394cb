namespace EduInfo.Domain.Notifications;

/// <summary>What in a child's journal a parent may be told of (issue 22).</summary>
public enum JournalNoticeKind
{
    /// <summary>A new mark, or a mark corrected.</summary>
    Mark = 1,
    /// <summary>Absent from a lesson (or late), with the attendance code.</summary>
    Absence = 2,
    /// <summary>The class's term was closed: the term marks are final.</summary>
    TermMarks = 3,
}

/// <summary>What of their children's journal a parent follows: each kind switched on or off by the parent, all off at first.</summary>
public sealed record JournalSubscriptions(bool Marks, bool Absences, bool TermMarks)
{
    public static readonly JournalSubscriptions None = new(false, false, false);

    public bool Follows(JournalNoticeKind kind) => kind switch
    {
        JournalNoticeKind.Mark => Marks,
        JournalNoticeKind.Absence => Absences,
        JournalNoticeKind.TermMarks => TermMarks,
        _ => false,
    };
}

/// <summary>
/// How far the journal's feed of notices may read (issue 22). A journal row takes its sequence number before its
/// transaction commits, so a higher number can commit before a lower one: reading up to the newest number at once could
/// pass over a row still in flight, for good. So each poll notes the newest number and, one poll later, a boundary: a
/// transaction id the poll takes for itself (<c>pg_current_xact_id()</c>), above every id given out before it — by then
/// every writer holding a number up to the noted one has its id, the feed's interval being the grace for that. The feed
/// reads up to the noted number once the oldest running transaction (the snapshot's xmin) is past that boundary, that
/// is once all those writers have committed or rolled back. (The snapshot's xmax is no such bound: it is one past the
/// newest completed id, and a writer holding a higher id may still run.) What it cannot see is a writer that takes its
/// number and then waits longer than the interval before its id (a lock wait between the two); such a row's notice is
/// late or missed. Pure: the caller reads the snapshot and takes the boundary.
/// </summary>
public sealed class FeedHorizon
{
    private readonly Queue<(long Seq, ulong Boundary)> _waiting = new();
    private readonly Lock _gate = new();
    private long? _noted;
    private long? _safe;

    /// <summary>
    /// One poll: the newest sequence number, the oldest running transaction and the poll's own transaction id, all read
    /// now. Returns the highest number the feed may read up to, or null while none is settled yet.
    /// </summary>
    public long? Poll(long newestSeq, ulong oldestRunning, ulong boundary)
    {
        lock (_gate)
        {
            if (_noted is { } noted)
            {
                _waiting.Enqueue((noted, boundary));
            }
            _noted = newestSeq;
            while (_waiting.TryPeek(out var head) && head.Boundary < oldestRunning)
            {
                _waiting.Dequeue();
                _safe = _safe is { } s ? Math.Max(s, head.Seq) : head.Seq;
            }
            return _safe;
        }
    }
}
