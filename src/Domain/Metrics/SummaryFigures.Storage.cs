using System.Numerics;

namespace EduInfo.Domain.Metrics;

// A cell uses a handful of its 55 figures (a subject's marks and seats, a term's results), and a class keeps about 130
// cells and its summary as many again: only the non-zero figures are stored, a bit each in _present and their values
// in the figures' order in _values, each in as few bytes as the largest needs (issue 26.3: 464 bytes a cell with
// every figure a field). Immutable: an init builds a new array, so a copy made by `with` never shares a change.
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

    // Bits 0–54: which figures are stored; bits 60–63: the bytes each stored value takes (1–8), the fewest that hold
    // every one of them. A class's sums mostly fit 2 bytes: 8 bytes a value took three times what the values needed.
    private const int WidthShift = 60;
    private ulong _present;
    private byte[] _values = [];

    /// <summary>How many figures there are.</summary>
    public static readonly int Count = Enum.GetValues<Figure>().Length <= WidthShift
        ? Enum.GetValues<Figure>().Length
        : throw new InvalidOperationException("More figures than bits for them beside the width.");

    private static readonly ulong FigureMask = (1UL << Count) - 1; // after Count: static fields start in this order

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
        Span<long> values = stackalloc long[Count];
        var present = 0UL;
        var count = 0;
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i] != 0)
            {
                present |= 1UL << i;
                values[count++] = figures[i];
            }
        }
        return Pack(present, values[..count]);
    }

    /// <summary>How many figures are not zero.</summary>
    public int CountNonZero() => BitOperations.PopCount(_present & FigureMask);

    /// <summary>The bytes the stored values take (the length of the one array the figures hold; 0: the shared empty one).</summary>
    public int StoredBytes() => _values.Length;

    private int Width => (int)(_present >> WidthShift);

    private long Get(Figure figure)
    {
        var bit = 1UL << (int)figure;
        return (_present & bit) == 0 ? 0 : Read(_values, BitOperations.PopCount(_present & (bit - 1)), Width);
    }

    private void Set(Figure figure, long value)
    {
        if (Get(figure) == value)
        {
            return; // a copy made by `with` that changes nothing shares its source's bytes; a zero initializer stores nothing
        }
        Span<long> values = stackalloc long[Count];
        var present = 0UL;
        var count = 0;
        var (from, width) = (0, Width);
        for (var bits = (_present & FigureMask) | (1UL << (int)figure); bits != 0; bits &= bits - 1)
        {
            var bit = bits & (~bits + 1);
            var held = (_present & bit) != 0 ? Read(_values, from++, width) : 0;
            var now = bit == 1UL << (int)figure ? value : held;
            if (now != 0)
            {
                values[count++] = now;
                present |= bit;
            }
        }
        (_present, _values) = Encode(present, values[..count]);
    }

    /// <summary>a + sign × b, figure by figure, over the figures either has; a figure that sums to zero is not stored.</summary>
    private static SummaryFigures Combine(SummaryFigures a, SummaryFigures b, int sign)
    {
        var (presentA, presentB) = (a._present & FigureMask, b._present & FigureMask);
        Span<long> valuesA = stackalloc long[BitOperations.PopCount(presentA)];
        Span<long> valuesB = stackalloc long[BitOperations.PopCount(presentB)];
        Decode(a._values, a.Width, valuesA);
        Decode(b._values, b.Width, valuesB);
        var either = presentA | presentB;
        Span<long> values = stackalloc long[BitOperations.PopCount(either)];
        int count = 0, fromA = 0, fromB = 0;
        var present = 0UL;
        for (var bits = either; bits != 0; bits &= bits - 1)
        {
            var bit = bits & (~bits + 1);
            var value = ((presentA & bit) != 0 ? valuesA[fromA++] : 0) + ((presentB & bit) != 0 ? sign * valuesB[fromB++] : 0);
            if (value != 0)
            {
                values[count++] = value;
                present |= bit;
            }
        }
        return Pack(present, values[..count]);
    }

    /// <summary>Every stored value, in order (a sum reads them all: one pass per width, not a switch per value).</summary>
    private static void Decode(byte[] bytes, int width, Span<long> into)
    {
        switch (width)
        {
            case 1:
                for (var i = 0; i < into.Length; i++)
                {
                    into[i] = (sbyte)bytes[i];
                }
                return;
            case 2:
                var shorts = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes.AsSpan());
                for (var i = 0; i < into.Length; i++)
                {
                    into[i] = BitConverter.IsLittleEndian ? shorts[i] : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(shorts[i]);
                }
                return;
            default:
                for (var i = 0; i < into.Length; i++)
                {
                    into[i] = Read(bytes, i, width);
                }
                return;
        }
    }

    private static SummaryFigures Pack(ulong present, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return new SummaryFigures();
        }
        var (withWidth, bytes) = Encode(present, values);
        return new SummaryFigures { _present = withWidth, _values = bytes };
    }

    /// <summary>The stored values in the fewest bytes each that hold them all, little-endian two's complement.</summary>
    private static (ulong Present, byte[] Values) Encode(ulong present, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return (0, []);
        }
        // The magnitude bits of every value (a negative one's complement), plus a sign bit, rounded up to bytes.
        var magnitudes = 0UL;
        foreach (var value in values)
        {
            magnitudes |= (ulong)(value ^ (value >> 63));
        }
        var width = (64 - BitOperations.LeadingZeroCount(magnitudes) + 8) / 8;
        var bytes = new byte[values.Length * width];
        var span = bytes.AsSpan();
        switch (width)
        {
            case 1:
                for (var i = 0; i < values.Length; i++)
                {
                    span[i] = (byte)values[i];
                }
                break;
            case 2:
                for (var i = 0; i < values.Length; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(span[(2 * i)..], (short)values[i]);
                }
                break;
            default:
                for (var i = 0; i < values.Length; i++)
                {
                    for (var b = 0; b < width; b++)
                    {
                        span[i * width + b] = (byte)(values[i] >> (8 * b));
                    }
                }
                break;
        }
        return (present | ((ulong)width << WidthShift), bytes);
    }

    private static long Read(byte[] bytes, int index, int width)
    {
        var at = bytes.AsSpan(index * width, width);
        switch (width)
        {
            case 1: return (sbyte)at[0];
            case 2: return System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(at);
            case 4: return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(at);
            case 8: return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(at);
        }
        long value = 0;
        for (var b = width - 1; b >= 0; b--)
        {
            value = (value << 8) | at[b];
        }
        var unused = 64 - 8 * width;
        return (value << unused) >> unused; // the sign of the top byte
    }

    public bool Equals(SummaryFigures? other) =>
        other is not null && _present == other._present && _values.AsSpan().SequenceEqual(other._values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_present);
        hash.AddBytes(_values);
        return hash.ToHashCode();
    }
}
