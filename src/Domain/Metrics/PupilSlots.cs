namespace EduInfo.Domain.Metrics;

/// <summary>
/// A class's pupils numbered 0, 1, …: the enrolled first, in the roster's order, then any other pupil whose work the
/// class counts. The ledger keeps per-pupil state in arrays indexed by these slots.
/// </summary>
internal sealed class PupilSlots
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public PupilSlots(IEnumerable<string> enrolled)
    {
        foreach (var studentId in enrolled)
        {
            Add(studentId);
        }
        Enrolled = _ids.Count;
    }

    /// <summary>Slots below this are the enrolled pupils'.</summary>
    public int Enrolled { get; }

    public int Count => _ids.Count;

    public string this[int slot] => _ids[slot];

    public int? Find(string studentId) => _slots.TryGetValue(studentId, out var slot) ? slot : null;

    public bool IsEnrolled(string studentId) => _slots.TryGetValue(studentId, out var slot) && slot < Enrolled;

    /// <summary>The pupil's slot, a new one for a pupil not seen yet.</summary>
    public int Add(string studentId)
    {
        if (!_slots.TryGetValue(studentId, out var slot))
        {
            _slots[studentId] = slot = _ids.Count;
            _ids.Add(studentId);
        }
        return slot;
    }
}
