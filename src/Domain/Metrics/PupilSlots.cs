namespace EduInfo.Domain.Metrics;

/// <summary>
/// A class's pupils numbered 0, 1, …: the enrolled first, in the roster's order, then any other pupil whose work the
/// class counts. The ledger keeps per-pupil state in arrays indexed by these slots. A pupil's slot is found by binary
/// search over the slots sorted by id, not in a dictionary: a class has a few dozen pupils, and a dictionary of them
/// cost a class grain about 1.5 KB of a year's 64 (issue 26.3).
/// </summary>
internal sealed class PupilSlots
{
    private string[] _ids;
    private int[] _byId; // slots, ordered by their pupil's id
    private int _count;

    public PupilSlots(IEnumerable<string> enrolled)
    {
        var capacity = enrolled.TryGetNonEnumeratedCount(out var count) ? count : 0;
        (_ids, _byId) = (new string[capacity], new int[capacity]);
        foreach (var studentId in enrolled)
        {
            Add(studentId);
        }
        Enrolled = _count;
        if (_count < _ids.Length) // a roster listing a pupil twice, or one counted as it was read
        {
            Array.Resize(ref _ids, _count);
            Array.Resize(ref _byId, _count);
        }
    }

    /// <summary>Slots below this are the enrolled pupils'.</summary>
    public int Enrolled { get; }

    public int Count => _count;

    public string this[int slot] => slot < _count ? _ids[slot] : throw new ArgumentOutOfRangeException(nameof(slot));

    public int? Find(string studentId) => IndexOf(studentId) is var index and >= 0 ? _byId[index] : null;

    public bool IsEnrolled(string studentId) => Find(studentId) < Enrolled;

    /// <summary>The pupil's slot, a new one for a pupil not seen yet.</summary>
    public int Add(string studentId)
    {
        var index = IndexOf(studentId);
        if (index >= 0)
        {
            return _byId[index];
        }
        if (_count == _ids.Length)
        {
            var length = Math.Max(4, _count * 2);
            Array.Resize(ref _ids, length);
            Array.Resize(ref _byId, length);
        }
        index = ~index;
        Array.Copy(_byId, index, _byId, index + 1, _count - index);
        _byId[index] = _count;
        _ids[_count] = studentId;
        return _count++;
    }

    private int IndexOf(string studentId)
    {
        var (low, high) = (0, _count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_ids[_byId[middle]], studentId);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ~low;
    }
}
