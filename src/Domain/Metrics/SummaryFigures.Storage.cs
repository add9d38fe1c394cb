using System.Numerics;

namespace EduInfo.Domain.Metrics;

// A cell uses a handful of its 55 figures (a subject's marks and seats, a term's results), and a class keeps about 130
// cells and its summary as many again: only the non-zero figures are stored, a bit each in _present and their values
// in the figures' order in _values (issue 26.3: 464 bytes a cell with every figure a field). Immutable: an init builds
// a new array, so a copy made by `with` never shares a change.
public sealed partial record SummaryFigures
{
    private enum Figure
    {
        Students,
        Classes,
        Organizations,
        Marks,
        FormativeMarks,
        FormativeScoreSum,
        FormativeMaxSum,
        SummativeMarks,
        SummativeScoreSum,
        SummativeMaxSum,
        LessonsHeld,
        SeatsHeld,
        Attended,
        Late,
        AbsentUnexcused,
        AbsentExcused,
        AbsentSick,
        TermMarks2,
        TermMarks3,
        TermMarks4,
        TermMarks5,
        TermMarkSum,
        TermPercentSum,
        TermResults,
        NotAttested,
        PendingResults,
        StudentsAssessed,
        StudentsSucceeding,
        StudentsQualified,
        FullDaysMissed,
        LessonsScheduled,
        GpaHundredthsSum,
        TimetabledLessonsHeld,
        DevelopmentLevel1,
        DevelopmentLevel2,
        DevelopmentLevel3,
        SchoolStudents,
        CollegeStudents,
        PreschoolChildren,
        SchoolSeatsHeld,
        SchoolAttended,
        CollegeSeatsHeld,
        CollegeAttended,
        PreschoolSeatsHeld,
        PreschoolAttended,
        CollegeResults,
        CollegePercentSum,
        CollegeNotAttested,
        CollegeStudentsAssessed,
        CollegeStudentsSucceeding,
        CollegeStudentsQualified,
        StudentsExcellent,
        StudentsWithOneThree,
        StudentsFailing,
        StudentsNotAttested,
    }

    private ulong _present;
    private long[] _values = [];

    /// <summary>How many figures there are.</summary>
    public static readonly int Count = Enum.GetValues<Figure>().Length;

    /// <summary>
    /// Figures from every figure's value in the properties' declaration order (as the wire surrogate carries them), in one
    /// array: setting 20 figures one by one through their init accessors would build 20 arrays.
    /// </summary>
    public static SummaryFigures FromOrdered(ReadOnlySpan<long> figures)
    {
        if (figures.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} figures, got {figures.Length}.", nameof(figures));
        }
        var present = 0UL;
        var count = 0;
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i] != 0)
            {
                present |= 1UL << i;
                count++;
            }
        }
        var values = count == 0 ? [] : new long[count];
        for (int i = 0, next = 0; i < figures.Length; i++)
        {
            if (figures[i] != 0)
            {
                values[next++] = figures[i];
            }
        }
        return new SummaryFigures { _present = present, _values = values };
    }

    /// <summary>How many figures are not zero (what the figures take in memory: <see cref="_values"/>' length).</summary>
    public int CountNonZero() => _values.Length;

    private long Get(Figure figure)
    {
        var bit = 1UL << (int)figure;
        return (_present & bit) == 0 ? 0 : _values[BitOperations.PopCount(_present & (bit - 1))];
    }

    private void Set(Figure figure, long value)
    {
        var bit = 1UL << (int)figure;
        var index = BitOperations.PopCount(_present & (bit - 1));
        if ((_present & bit) != 0)
        {
            var values = (long[])_values.Clone();
            if (value != 0)
            {
                values[index] = value;
                _values = values;
                return;
            }
            _values = [.. values.AsSpan(0, index), .. values.AsSpan(index + 1)];
            _present &= ~bit;
        }
        else if (value != 0)
        {
            _values = [.. _values.AsSpan(0, index), value, .. _values.AsSpan(index)];
            _present |= bit;
        }
    }

    /// <summary>a + sign × b, figure by figure, over the figures either has; a figure that sums to zero is not stored.</summary>
    private static SummaryFigures Combine(SummaryFigures a, SummaryFigures b, int sign)
    {
        var either = a._present | b._present;
        var values = new long[BitOperations.PopCount(either)];
        int count = 0, fromA = 0, fromB = 0;
        var present = 0UL;
        for (var bits = either; bits != 0; bits &= bits - 1)
        {
            var bit = bits & (~bits + 1);
            var value = ((a._present & bit) != 0 ? a._values[fromA++] : 0) + ((b._present & bit) != 0 ? sign * b._values[fromB++] : 0);
            if (value != 0)
            {
                values[count++] = value;
                present |= bit;
            }
        }
        return new SummaryFigures { _present = present, _values = count == values.Length ? values : values[..count] };
    }

    public bool Equals(SummaryFigures? other) =>
        other is not null && _present == other._present && _values.AsSpan().SequenceEqual(other._values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_present);
        foreach (var value in _values)
        {
            hash.Add(value);
        }
        return hash.ToHashCode();
    }
}
