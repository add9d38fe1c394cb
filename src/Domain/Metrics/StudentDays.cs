using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// Each pupil's seats and missed seats per day of the academic year: what a full day missed is counted from. Packed in
/// a byte per pupil and day (a year of a class of 25 in about 9 KB; a dictionary entry per pupil and day was about
/// 250 KB, issue 26.3): a school day has fewer than 16 lessons. A pupil's bytes reach only as far as their last day with
/// a seat, in steps of a month, not to the year's end from its first day. A day outside the year, or a count beyond 15,
/// is kept aside in a dictionary. The pupils' bytes are found by their slots in the class (an array, not a dictionary
/// by id), the ledger's own slots when it keeps the days.
/// </summary>
public sealed class StudentDays
{
    private const int Step = 32;
    private readonly DateOnly _first;
    private readonly int _length;
    private byte[]?[] _bySlot = [];
    private Dictionary<(string Student, DateOnly Date), (int Seats, int Missed)>? _aside;

    public StudentDays(string academicYear)
        : this(academicYear, new PupilSlots([]))
    {
    }

    internal StudentDays(string academicYear, PupilSlots slots)
    {
        Slots = slots;
        if (academicYear.Length >= 4 && int.TryParse(academicYear.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            var (first, last) = AcademicCalendar.Bounds(academicYear);
            (_first, _length) = (first, last.DayNumber - first.DayNumber + 1);
        }
    }

    /// <summary>The class's pupils by slot; a pupil with a seat has one.</summary>
    internal PupilSlots Slots { get; }

    public (int Seats, int Missed) this[string studentId, DateOnly date]
    {
        get
        {
            if (_aside?.TryGetValue((studentId, date), out var aside) == true)
            {
                return aside;
            }
            var day = IndexOf(date);
            var packed = day >= 0 && DaysOf(Slots.Find(studentId)) is { } days && day < days.Length ? days[day] : 0;
            return (packed & 0xF, packed >> 4);
        }
        set
        {
            var day = IndexOf(date);
            if (day < 0 || value.Seats is < 0 or > 15 || value.Missed is < 0 or > 15 || _aside?.ContainsKey((studentId, date)) == true)
            {
                (_aside ??= [])[(studentId, date)] = value;
                if (day >= 0 && DaysOf(Slots.Find(studentId)) is { } packed && day < packed.Length)
                {
                    packed[day] = 0; // kept aside from now on: never listed twice
                }
                return;
            }
            var slot = Slots.Add(studentId);
            if (slot >= _bySlot.Length)
            {
                Array.Resize(ref _bySlot, Math.Max(Slots.Count, slot + 1));
            }
            ref var days = ref _bySlot[slot];
            if (days is null || days.Length <= day)
            {
                Array.Resize(ref days, Math.Min(_length, (day / Step + 1) * Step));
            }
            days[day] = (byte)(value.Seats | (value.Missed << 4));
        }
    }

    /// <summary>Every pupil's days with a seat, as (pupil, date, seats, missed).</summary>
    public IEnumerable<(string StudentId, DateOnly Date, int Seats, int Missed)> All()
    {
        for (var slot = 0; slot < _bySlot.Length; slot++)
        {
            var days = _bySlot[slot] ?? [];
            for (var i = 0; i < days.Length; i++)
            {
                if (days[i] != 0)
                {
                    yield return (Slots[slot], _first.AddDays(i), days[i] & 0xF, days[i] >> 4);
                }
            }
        }
        foreach (var ((studentId, date), (seats, missed)) in _aside ?? [])
        {
            yield return (studentId, date, seats, missed);
        }
    }

    private byte[]? DaysOf(int? slot) => slot < _bySlot.Length ? _bySlot[slot.Value] : null;

    private int IndexOf(DateOnly date)
    {
        var day = date.DayNumber - _first.DayNumber;
        return day >= 0 && day < _length ? day : -1;
    }
}
