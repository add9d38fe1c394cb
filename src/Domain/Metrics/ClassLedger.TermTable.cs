using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Metrics;

public sealed partial class ClassLedger
{
    /// <summary>
    /// A term's work, in one table for all its subjects rather than objects per subject (issue 26.3: a year of a class
    /// is 48 subjects-in-terms): each pupil's sums by subject row and pupil slot, which summatives each subject held
    /// for the class (recorded here; a pupil lacking one has it pending), and the enrolled pupils' results by subject,
    /// cached packed (<see cref="Brief"/>) until the subject's work changes.
    /// <para>
    /// The sums come in three widths, the narrowest that holds every pupil's: formative sums in 16 bits and the rest in
    /// a byte (12 bytes a pupil: a term's summatives score far below 256 points), every sum in 16 bits (18), then in 32
    /// (36). A sum that outgrows its width moves the whole term to the next for good. Results take 16 bits until one
    /// does not fit (a percent beyond 254), then 32.
    /// </para>
    /// </summary>
    private sealed class TermTable(int enrolled)
    {
        private const byte HasWorkFlag = 1 << 4, ResultsFlag = 1 << 5; // bits 0–3: the mark kinds held
        private byte[] _flags = [];
        private int _rows, _stride; // the work table's subject rows and slots per row
        private CompactWork[]? _compact;
        private NarrowWork[]? _narrow;
        private TermWork[]? _wide;
        private ushort[]? _results;
        private int[]? _wideResults;

        /// <summary>Someone has work in the subject: only then is it assessed in the term.</summary>
        public bool HasWork(int subject) => subject < _flags.Length && (_flags[subject] & HasWorkFlag) != 0;

        /// <summary>Marks the kind held in the subject; false when it already was.</summary>
        public bool Hold(int subject, MarkKind kind)
        {
            Flags(subject);
            var bit = (byte)(1 << (int)kind);
            var added = (_flags[subject] & bit) == 0;
            _flags[subject] |= bit;
            return added;
        }

        public bool IsHeld(int subject, MarkKind kind) => subject < _flags.Length && (_flags[subject] & (1 << (int)kind)) != 0;

        /// <summary>The pupil's work in the subject; empty for a slot with none.</summary>
        public TermWork WorkAt(int subject, int slot)
        {
            if (subject >= _rows || slot >= _stride)
            {
                return default;
            }
            var at = subject * _stride + slot;
            return _wide is { } wide ? wide[at] : _narrow is { } narrow ? narrow[at].Widen() : _compact![at].Widen();
        }

        /// <param name="slots">How many pupil slots the ledger has (the table's rows are at least this wide).</param>
        public void AddWork(int subject, int slot, int slots, MarkKind kind, long count, long scoreSum, long maxSum)
        {
            Flags(subject);
            _flags[subject] |= HasWorkFlag;
            Fit(subject + 1, Math.Max(slots, slot + 1));
            var at = subject * _stride + slot;
            if (_wide is null && _narrow is null)
            {
                if (_compact![at].TryAdd(kind, count, scoreSum, maxSum))
                {
                    return;
                }
                _narrow = [.. _compact.Select(c => NarrowWork.From(c.Widen()))];
                _compact = null;
            }
            if (_wide is null)
            {
                if (_narrow![at].TryAdd(kind, count, scoreSum, maxSum))
                {
                    return;
                }
                _wide = [.. _narrow.Select(n => n.Widen())];
                _narrow = null;
            }
            _wide[at].Add(kind, count, scoreSum, maxSum);
        }

        /// <summary>Whether the subject's results are cached (none after a change of its work).</summary>
        public bool HasResults(int subject) => subject < _flags.Length && (_flags[subject] & ResultsFlag) != 0;

        public void Invalidate(int subject)
        {
            if (subject < _flags.Length)
            {
                _flags[subject] &= unchecked((byte)~ResultsFlag);
            }
        }

        /// <summary>An enrolled pupil's cached result in the subject (<see cref="HasResults"/> first).</summary>
        public int ResultAt(int subject, int slot) => _wideResults is { } wide ? wide[subject * enrolled + slot] : _results![subject * enrolled + slot];

        /// <summary>Caches the enrolled pupils' results in the subject, by slot.</summary>
        public void SetResults(int subject, ReadOnlySpan<int> packed)
        {
            Flags(subject);
            var length = _flags.Length * enrolled;
            var fits = _wideResults is null;
            foreach (var result in packed)
            {
                fits &= result is >= 0 and <= ushort.MaxValue;
            }
            if (!fits && _wideResults is null)
            {
                _wideResults = [.. (_results ?? []).Select(r => (int)r)];
                _results = null;
            }
            if (_wideResults is not null)
            {
                if (_wideResults.Length < length)
                {
                    Array.Resize(ref _wideResults, length);
                }
                packed.CopyTo(_wideResults.AsSpan(subject * enrolled, enrolled));
            }
            else
            {
                if ((_results?.Length ?? 0) < length)
                {
                    Array.Resize(ref _results, length);
                }
                for (var slot = 0; slot < enrolled; slot++)
                {
                    _results![subject * enrolled + slot] = (ushort)packed[slot];
                }
            }
            _flags[subject] |= ResultsFlag;
        }

        private void Flags(int subject)
        {
            if (subject >= _flags.Length)
            {
                Array.Resize(ref _flags, subject + 1);
            }
        }

        /// <summary>Makes the work table at least this many rows of at least this many slots, keeping what it holds.</summary>
        private void Fit(int rows, int stride)
        {
            if (rows <= _rows && stride <= _stride)
            {
                return;
            }
            (rows, stride) = (Math.Max(rows, _rows), Math.Max(stride, _stride));
            if (_wide is not null)
            {
                _wide = Relayout(_wide, rows, stride);
            }
            else if (_narrow is not null)
            {
                _narrow = Relayout(_narrow, rows, stride);
            }
            else
            {
                _compact = Relayout(_compact ?? [], rows, stride);
            }
            (_rows, _stride) = (rows, stride);
        }

        private T[] Relayout<T>(T[] table, int rows, int stride)
        {
            if (stride == _stride)
            {
                Array.Resize(ref table, rows * stride);
                return table;
            }
            var wider = new T[rows * stride];
            for (var row = 0; row < _rows; row++)
            {
                table.AsSpan(row * _stride, _stride).CopyTo(wider.AsSpan(row * stride));
            }
            return wider;
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
