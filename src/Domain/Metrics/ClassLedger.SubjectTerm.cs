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
        // A pupil's sums in three widths, the narrowest that holds every pupil's: formative sums in 16 bits and the rest
        // in bytes (12 bytes a pupil: a term's summatives score far below 256 points), then every sum in 16 bits (18),
        // then in 32 (36). A sum that outgrows its width moves the whole subject to the next for good.
        private CompactWork[]? _compact;
        private NarrowWork[]? _narrow;
        private TermWork[]? _wide;

        /// <summary>Someone has work here: only then is the subject assessed in the term.</summary>
        public bool HasWork => _compact is not null || _narrow is not null || _wide is not null;

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
            : _narrow is { } narrow ? slot < narrow.Length ? narrow[slot].Widen() : default
            : _compact is { } compact && slot < compact.Length ? compact[slot].Widen() : default;

        public void AddWork(int slot, int slots, MarkKind kind, long count, long scoreSum, long maxSum)
        {
            if (_narrow is null && _wide is null)
            {
                if (_compact is null || _compact.Length <= slot)
                {
                    Array.Resize(ref _compact, slots);
                }
                if (_compact[slot].TryAdd(kind, count, scoreSum, maxSum))
                {
                    return;
                }
                _narrow = [.. _compact.Select(c => NarrowWork.From(c.Widen()))];
                _compact = null;
            }
            if (_wide is null)
            {
                if (_narrow!.Length <= slot)
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

    /// <summary>Formative sums in 16 bits, section and term sums in a byte each.</summary>
    private struct CompactWork
    {
        private ushort _formativeScore, _formativeMax;
        private byte _formativeCount;
        private byte _sectionCount, _sectionScore, _sectionMax;
        private byte _termCount, _termScore, _termMax;

        /// <summary>Adds the sums when every new total fits its width; otherwise changes nothing and answers false.</summary>
        public bool TryAdd(MarkKind kind, long count, long scoreSum, long maxSum)
        {
            switch (kind)
            {
                case MarkKind.Formative:
                    if (!Fits(_formativeCount + count, byte.MaxValue) || !Fits(_formativeScore + scoreSum, ushort.MaxValue) || !Fits(_formativeMax + maxSum, ushort.MaxValue))
                    {
                        return false;
                    }
                    (_formativeCount, _formativeScore, _formativeMax) = ((byte)(_formativeCount + count), (ushort)(_formativeScore + scoreSum), (ushort)(_formativeMax + maxSum));
                    return true;
                case MarkKind.Section: return TryAdd(ref _sectionCount, ref _sectionScore, ref _sectionMax, count, scoreSum, maxSum);
                case MarkKind.Term: return TryAdd(ref _termCount, ref _termScore, ref _termMax, count, scoreSum, maxSum);
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "A term's work has formative, section and term marks only.");
            }
        }

        private static bool Fits(long value, int max) => value >= 0 && value <= max;

        private static bool TryAdd(ref byte count, ref byte score, ref byte max, long addCount, long addScore, long addMax)
        {
            var (c, s, m) = (count + addCount, score + addScore, max + addMax);
            if (!Fits(c, byte.MaxValue) || !Fits(s, byte.MaxValue) || !Fits(m, byte.MaxValue))
            {
                return false;
            }
            (count, score, max) = ((byte)c, (byte)s, (byte)m);
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

        /// <summary>Work whose every sum fits 16 bits (a compact pupil's always does).</summary>
        public static NarrowWork From(TermWork wide)
        {
            var narrow = new NarrowWork();
            foreach (var kind in (ReadOnlySpan<MarkKind>)[MarkKind.Formative, MarkKind.Section, MarkKind.Term])
            {
                var (count, score, max) = wide.Of(kind);
                if (!narrow.TryAdd(kind, count, score, max))
                {
                    throw new InvalidOperationException("Work that does not fit 16 bits is not narrowed.");
                }
            }
            return narrow;
        }
    }
}
