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
/// A span of journal numbers the feed settled: the numbers after <see cref="After"/> up to <see cref="UpTo"/>, whose writers
/// had all taken their transaction ids before <see cref="Boundary"/> unless they stalled; one such writer's row carries an
/// id at or above the boundary (<see cref="FeedHorizon"/>). <see cref="Poll"/> counts the horizon's polls.
/// </summary>
public sealed record FeedSegment(long After, long UpTo, ulong Boundary, long Poll);

/// <summary>
/// How far the journal's feed of notices may read (issue 22). A journal row takes its sequence number before its
/// transaction commits, so a higher number can commit before a lower one: reading up to the newest number at once could
/// pass over a row still in flight, for good. So each poll notes the newest number and, one poll later, a boundary: a
/// transaction id the poll takes for itself (<c>pg_current_xact_id()</c>), above every id given out before it — by then
/// every writer holding a number up to the noted one has its id, the feed's interval being the grace for that. The feed
/// reads up to the noted number once the oldest running transaction (the snapshot's xmin) is past that boundary, that
/// is once all those writers have committed or rolled back. (The snapshot's xmax is no such bound: it is one past the
/// newest completed id, and a writer holding a higher id may still run.) A writer that takes its number and then stalls
/// longer than the interval before its id (a lock wait, a starved process) is the exception: its row's id is at or above
/// its segment's boundary, which is how the feed's recheck of the recent segments finds it (<see cref="Recent"/>).
/// Pure: the caller reads the snapshot and takes the boundary.
/// </summary>
public sealed class FeedHorizon
{
    private readonly Queue<(long After, long Seq, ulong Boundary)> _waiting = new();
    private readonly Queue<FeedSegment> _settled = new();
    private readonly Lock _gate = new();
    private long _polls;
    private long? _noted;
    private long? _safe;

    /// <summary>How many polls a settled segment is kept for <see cref="Recent"/>.</summary>
    public int KeepPolls { get; init; } = 64;

    /// <summary>
    /// One poll: the feed's cursor, the newest sequence number, the oldest running transaction and the poll's own
    /// transaction id, all read now. Returns the highest number the feed may read up to, or null while none is settled yet.
    /// </summary>
    public long? Poll(long cursor, long newestSeq, ulong oldestRunning, ulong boundary)
    {
        lock (_gate)
        {
            _polls++;
            if (_noted is { } noted)
            {
                _waiting.Enqueue((_waiting.Count > 0 ? _waiting.Last().Seq : _safe ?? cursor, noted, boundary));
            }
            _noted = Math.Max(newestSeq, _noted ?? long.MinValue);
            while (_waiting.TryPeek(out var head) && head.Boundary < oldestRunning)
            {
                _waiting.Dequeue();
                if (head.Seq > head.After)
                {
                    _settled.Enqueue(new FeedSegment(head.After, head.Seq, head.Boundary, _polls));
                }
                _safe = _safe is { } s ? Math.Max(s, head.Seq) : head.Seq;
            }
            while (_settled.TryPeek(out var old) && old.Poll <= _polls - KeepPolls)
            {
                _settled.Dequeue();
            }
            return _safe;
        }
    }

    /// <summary>The segments settled in the last <paramref name="polls"/> polls, oldest first: where a stalled writer's row may be.</summary>
    public IReadOnlyList<FeedSegment> Recent(int polls)
    {
        lock (_gate)
        {
            return [.. _settled.Where(s => s.Poll > _polls - polls)];
        }
    }
}
