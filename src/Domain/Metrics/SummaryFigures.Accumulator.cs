using System.Numerics;

namespace EduInfo.Domain.Metrics;

public sealed partial record SummaryFigures
{
    /// <summary>
    /// A running sum of figures, unpacked: each addition decodes the part into 55 counters and builds nothing, and
    /// <see cref="ToFigures"/> packs the total once. A chain of <c>+</c> builds a packed sum per step, which made the
    /// cells of a class's activation most of its cost (issue 26.5).
    /// </summary>
    public sealed class Accumulator
    {
        private readonly long[] _values = new long[Count];
        private ulong _touched;

        public Accumulator Add(SummaryFigures figures, int sign = 1)
        {
            var present = figures._present & FigureMask;
            Span<long> values = stackalloc long[BitOperations.PopCount(present)];
            Decode(figures._values, figures.Width, values);
            var i = 0;
            for (var bits = present; bits != 0; bits &= bits - 1)
            {
                _values[BitOperations.TrailingZeroCount(bits)] += sign * values[i++];
            }
            _touched |= present;
            return this;
        }

        /// <summary>Whether every figure sums to zero.</summary>
        public bool IsZero
        {
            get
            {
                for (var bits = _touched; bits != 0; bits &= bits - 1)
                {
                    if (_values[BitOperations.TrailingZeroCount(bits)] != 0)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>The sum as figures (the same as adding the parts with <c>+</c>).</summary>
        public SummaryFigures ToFigures()
        {
            Span<long> values = stackalloc long[BitOperations.PopCount(_touched)];
            var present = 0UL;
            var count = 0;
            for (var bits = _touched; bits != 0; bits &= bits - 1)
            {
                var index = BitOperations.TrailingZeroCount(bits);
                if (_values[index] != 0)
                {
                    values[count++] = _values[index];
                    present |= 1UL << index;
                }
            }
            return Pack(present, values[..count]);
        }
    }
}
