using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// Each pupil's seats and missed seats per day of the academic year: what a full day missed is counted from. Packed in
/// a byte per pupil and day (a year of a class of 25 in about 9 KB; a dictionary entry per pupil and day was about
/// 250 KB, issue 26.3): a school day has fewer than 16 lessons. A pupil's bytes reach only as far as their last day with
/// a seat, in steps of a month, not to the year's end from its first day. A day outside the year, or a count beyond 15,
/// is kept aside in a dictionary.
/// </summary>
public sealed class StudentDays
{
    private const int Step = 32;
    private readonly DateOnly _first;
    private readonly int _length;
    private readonly Dictionary<string, byte[]> _byStudent = new(StringComparer.Ordinal);
    private Dictionary<(string Student, DateOnly Date), (int Seats, int Missed)>? _aside;

    public StudentDays(string academicYear)
    {
        if (academicYear.Length >= 4 && int.TryParse(academicYear.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            var (first, last) = AcademicCalendar.Bounds(academicYear);
            (_first, _length) = (first, last.DayNumber - first.DayNumber + 1);
        }
    }

    public (int Seats, int Missed) this[string studentId, DateOnly date]
    {
        get
        {
            if (_aside?.TryGetValue((studentId, date), out var aside) == true)
            {
                return aside;
            }
            var day = IndexOf(date);
            var packed = day >= 0 && _byStudent.TryGetValue(studentId, out var days) && day < days.Length ? days[day] : 0;
            return (packed & 0xF, packed >> 4);
        }
        set
        {
            var day = IndexOf(date);
            if (day < 0 || value.Seats is < 0 or > 15 || value.Missed is < 0 or > 15 || _aside?.ContainsKey((studentId, date)) == true)
            {
                (_aside ??= [])[(studentId, date)] = value;
                if (day >= 0 && _byStudent.TryGetValue(studentId, out var packed) && day < packed.Length)
                {
                    packed[day] = 0; // kept aside from now on: never listed twice
                }
                return;
            }
            if (!_byStudent.TryGetValue(studentId, out var days) || days.Length <= day)
            {
                var length = Math.Min(_length, (day / Step + 1) * Step);
                Array.Resize(ref days, length);
                _byStudent[studentId] = days;
            }
            days[day] = (byte)(value.Seats | (value.Missed << 4));
        }
    }

    /// <summary>Every pupil's days with a seat, as (pupil, date, seats, missed).</summary>
    public IEnumerable<(string StudentId, DateOnly Date, int Seats, int Missed)> All()
    {
        foreach (var (studentId, days) in _byStudent)
        {
            for (var i = 0; i < days.Length; i++)
            {
                if (days[i] != 0)
                {
                    yield return (studentId, _first.AddDays(i), days[i] & 0xF, days[i] >> 4);
                }
            }
        }
        foreach (var ((studentId, date), (seats, missed)) in _aside ?? [])
        {
            yield return (studentId, date, seats, missed);
        }
    }

    private int IndexOf(DateOnly date)
    {
        var day = date.DayNumber - _first.DayNumber;
        return day >= 0 && day < _length ? day : -1;
    }
}
