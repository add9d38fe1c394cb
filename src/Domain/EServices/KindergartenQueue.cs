using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.EServices;

/// <summary>A priority category for the kindergarten queue; it counts only once the district department confirmed it.</summary>
public enum PriorityCategory
{
    None = 0,
    /// <summary>An orphan or a child left without parental care.</summary>
    WithoutParentalCare = 1,
    /// <summary>A child with a disability.</summary>
    ChildWithDisability = 2,
    /// <summary>A child of a parent with a disability of the first or second group.</summary>
    ParentWithDisability = 3,
    /// <summary>A child of a large family.</summary>
    LargeFamily = 4,
    /// <summary>A child of a serviceman or of a law-enforcement officer killed or disabled on duty.</summary>
    ServiceFamily = 5,
}

/// <summary>One queue per district (or city) and birth year.</summary>
public sealed record QueueKey(string DistrictId, int BirthYear);

/// <summary>A child in a queue: the application, the priority claimed and whether confirmed, when the server received it.</summary>
public sealed record QueueEntry(string ApplicationId, PriorityCategory Priority, bool PriorityConfirmed, long ReceiptSeq);

/// <summary>Why positions moved; stored with every change and shown to the parent.</summary>
public enum QueueChangeCause
{
    /// <summary>A child entered the queue.</summary>
    Entered = 1,
    /// <summary>A child's priority was confirmed (or withdrawn).</summary>
    PriorityChanged = 2,
    /// <summary>A child ahead was directed to a kindergarten.</summary>
    Directed = 3,
    /// <summary>A child ahead left the queue (the application withdrawn or refused).</summary>
    Left = 4,
    /// <summary>A direction lapsed unused: its child returned at the place its filing gave.</summary>
    DirectionLapsed = 5,
}

/// <summary>A child's place before and after a change (null: not in the queue), with its cause.</summary>
public sealed record PositionChange(string ApplicationId, int? From, int? To, QueueChangeCause Cause);

/// <summary>
/// The kindergarten queue's rules (pure, data an operator keeps): kept by the district department, one queue per
/// district and birth year for children under <see cref="MaxAgeYears"/>; ordered by confirmed priority in the order of
/// <see cref="Precedence"/>, then by the server's order of receipt; a direction lapses after
/// <see cref="DirectionWorkingDays"/> working days unused.
/// </summary>
public sealed record KindergartenQueueRules(IReadOnlyList<PriorityCategory> Precedence, int DirectionWorkingDays, int MaxAgeYears)
{
    public static readonly KindergartenQueueRules Default = new(
        [PriorityCategory.WithoutParentalCare, PriorityCategory.ChildWithDisability, PriorityCategory.ServiceFamily,
         PriorityCategory.ParentWithDisability, PriorityCategory.LargeFamily],
        DirectionWorkingDays: 5, MaxAgeYears: 6);

    /// <summary>Whether a child born on that day may be queued on that day: not yet <see cref="MaxAgeYears"/>, and born.</summary>
    public bool Admits(DateOnly birthDate, DateOnly day) => birthDate <= day && birthDate.AddYears(MaxAgeYears) > day;

    /// <summary>The queue in order: a confirmed priority by its precedence, unconfirmed or none after all of them, then receipt.</summary>
    public IReadOnlyList<QueueEntry> Order(IEnumerable<QueueEntry> entries) =>
        entries.OrderBy(Rank).ThenBy(e => e.ReceiptSeq).ThenBy(e => e.ApplicationId, StringComparer.Ordinal).ToList();

    private int Rank(QueueEntry entry)
    {
        for (var at = 0; entry.PriorityConfirmed && at < Precedence.Count; at++)
        {
            if (Precedence[at] == entry.Priority)
            {
                return at;
            }
        }
        return Precedence.Count;
    }

    /// <summary>Every child whose place differs between two orders of one queue (1-based places), with the cause.</summary>
    public static IReadOnlyList<PositionChange> Changes(IReadOnlyList<QueueEntry> before, IReadOnlyList<QueueEntry> after, QueueChangeCause cause) =>
        Changes(Places(before), after, cause);

    /// <summary>Every child whose place in <paramref name="after"/> differs from the place recorded last (absent: not in the queue), with the cause.</summary>
    public static IReadOnlyList<PositionChange> Changes(IReadOnlyDictionary<string, int> recorded, IReadOnlyList<QueueEntry> after, QueueChangeCause cause)
    {
        var was = recorded;
        var now = Places(after);
        return was.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new PositionChange(id, was.TryGetValue(id, out var w) ? w : null, now.TryGetValue(id, out var n) ? n : null, cause))
            .Where(c => c.From != c.To)
            .ToList();
    }

    private static Dictionary<string, int> Places(IReadOnlyList<QueueEntry> order) =>
        order.Select((e, i) => (e.ApplicationId, Place: i + 1)).ToDictionary(p => p.ApplicationId, p => p.Place, StringComparer.Ordinal);

    /// <summary>The last day a direction given at that instant may be used; it lapses when that day ends.</summary>
    public DateOnly DirectionUsableUntil(DateTimeOffset directedAt, LabourCalendar calendar) => calendar.Deadline(directedAt, DirectionWorkingDays);
}
