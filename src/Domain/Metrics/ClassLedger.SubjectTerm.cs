using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Metrics;

public sealed partial class ClassLedger
{
    /// <summary>
    /// A subject in a term: each pupil's work by slot, the pupils' results cached packed (<see cref="Brief"/>, null
    /// until asked for after a change), and which summatives were held for the class (recorded here): a pupil lacking
    /// one has it pending. One object per term and subject instead of three dictionaries keyed by them (issue 26.3).
    /// </summary>
    private sealed class SubjectTerm
    {
        private byte _held;
        // A pupil's sums in 16 bits each (18 bytes, not 36): a term's marks in one subject stay far below 65,536 points.
        // The first sum that does not fit moves the whole subject to the wide form for good.
        private NarrowWork[]? _narrow;
        private TermWork[]? _wide;

        /// <summary>Someone has work here: only then is the subject assessed in the term.</summary>
        public bool HasWork => _narrow is not null || _wide is not null;

        public int[]? Results { get; set; }

        /// <summary>Marks the kind held here; false when it already was.</summary>
        public bool Hold(MarkKind kind)
        {
            var bit = (byte)(1 << (int)kind);
            var added = (_held & bit) == 0;
            _held |= bit;
            return added;
        }

        public bool IsHeld(MarkKind kind) => (_held & (1 << (int)kind)) != 0;

        /// <summary>The pupil's work; empty for a slot with none.</summary>
        public TermWork WorkAt(int slot) =>
            _wide is { } wide ? slot < wide.Length ? wide[slot] : default
            : _narrow is { } narrow && slot < narrow.Length ? narrow[slot].Widen() : default;

        public void AddWork(int slot, int slots, MarkKind kind, long count, long scoreSum, long maxSum)
        {
            if (_wide is null)
            {
                if (_narrow is null || _narrow.Length <= slot)
                {
                    Array.Resize(ref _narrow, slots);
                }
                if (_narrow[slot].TryAdd(kind, count, scoreSum, maxSum))
                {
                    return;
                }
                _wide = [.. _narrow.Select(n => n.Widen())];
                _narrow = null;
            }
            if (_wide.Length <= slot)
            {
                Array.Resize(ref _wide, slots);
            }
            _wide[slot].Add(kind, count, scoreSum, maxSum);
        }
    }

    private struct NarrowWork
    {
        private ushort _formativeCount, _formativeScore, _formativeMax;
        private ushort _sectionCount, _sectionScore, _sectionMax;
        private ushort _termCount, _termScore, _termMax;

        /// <summary>Adds the sums when every new total fits 16 bits; otherwise changes nothing and answers false.</summary>
        public bool TryAdd(MarkKind kind, long count, long scoreSum, long maxSum)
        {
            switch (kind)
            {
                case MarkKind.Formative: return TryAdd(ref _formativeCount, ref _formativeScore, ref _formativeMax, count, scoreSum, maxSum);
                case MarkKind.Section: return TryAdd(ref _sectionCount, ref _sectionScore, ref _sectionMax, count, scoreSum, maxSum);
                case MarkKind.Term: return TryAdd(ref _termCount, ref _termScore, ref _termMax, count, scoreSum, maxSum);
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "A term's work has formative, section and term marks only.");
            }
        }

        private static bool TryAdd(ref ushort count, ref ushort score, ref ushort max, long addCount, long addScore, long addMax)
        {
            var (c, s, m) = (count + addCount, score + addScore, max + addMax);
            if (c is < 0 or > ushort.MaxValue || s is < 0 or > ushort.MaxValue || m is < 0 or > ushort.MaxValue)
            {
                return false;
            }
            (count, score, max) = ((ushort)c, (ushort)s, (ushort)m);
            return true;
        }

        public readonly TermWork Widen()
        {
            var work = new TermWork();
            work.Add(MarkKind.Formative, _formativeCount, _formativeScore, _formativeMax);
            work.Add(MarkKind.Section, _sectionCount, _sectionScore, _sectionMax);
            work.Add(MarkKind.Term, _termCount, _termScore, _termMax);
            return work;
        }
    }
}
