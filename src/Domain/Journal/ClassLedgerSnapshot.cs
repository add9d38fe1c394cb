using System.Security.Cryptography;
using System.Text;

namespace EduInfo.Domain.Journal;

/// <summary>
/// A class's <see cref="ClassLedgerData"/> kept between activations, so that a restart reads one row and the journal
/// after its watermark instead of summing the class's whole year again. It holds the journal's sums before any rule is
/// applied: policies, the calendar's days and the timetable are applied at every load, so a snapshot stays good when
/// they change. What the sums themselves depend on is its <see cref="BasisOf">basis</see> (the year, the terms' dates
/// that bucket rows, the roster whose marks are summed) and its <see cref="Format"/>; a snapshot whose basis or format
/// differs is not used, and the class counts from the journal.
/// </summary>
public static class ClassLedgerSnapshot
{
    /// <summary>The layout of <see cref="Encode"/>; a snapshot of another format is not read.</summary>
    public const int Format = 1;

    /// <summary>What the sums of a snapshot were counted by: the year, each term's number and dates, the students (in any order).</summary>
    public static string BasisOf(string academicYear, IReadOnlyList<TermSpan> terms, IEnumerable<string> studentIds)
    {
        var text = new StringBuilder(academicYear).Append('\n');
        foreach (var t in terms.OrderBy(t => t.Term))
        {
            text.Append(t.Term).Append(':').Append(t.Starts.DayNumber).Append(':').Append(t.Ends.DayNumber).Append(';');
        }
        foreach (var s in studentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            text.Append('\n').Append(s);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The data brought forward by the journal's rows after its watermark (in sequence order), as the class would read it
    /// at <paramref name="watermark"/> with <paramref name="closedTerms"/> (its <see cref="ClassLedgerData.ScopeRows"/>
    /// counting the rows too); null when a row cannot simply be added — a
    /// correction, a void, an excusal, an exemption, or a mark of one of its students written in another class (its
    /// order against the snapshot is not the class's to know) — and the class must count from the journal.
    /// </summary>
    public static ClassLedgerData? Advance(ClassLedgerData data, IReadOnlyCollection<string> studentIds, IReadOnlyList<JournalDeltaRow> rows,
        long watermark, IReadOnlySet<int> closedTerms)
    {
        if (rows.Any(r => r.Supersedes || r.Kind is not (EntryKind.Mark or EntryKind.Lesson) || !r.InClass))
        {
            return null;
        }
        var students = studentIds as IReadOnlySet<string> ?? studentIds.ToHashSet(StringComparer.Ordinal);
        var recorded = data.RecordedMarks.ToDictionary(m => RecordedKey(m.SubjectId, m.Term, m.Kind, m.Count == 0 ? 0 : m.ScoreSum / m.Count));
        var work = data.StudentMarks.ToDictionary(m => (m.StudentId, m.SubjectId, m.Term, m.Kind));
        var lessons = data.Lessons.ToDictionary(l => (l.SubjectId, l.Term));
        var seats = data.Seats.ToDictionary(s => (s.StudentId, s.Date));
        foreach (var row in rows)
        {
            if (row.Kind == EntryKind.Mark)
            {
                var kind = row.MarkKind ?? throw new ArgumentException($"Mark row {row.Seq} without a kind.", nameof(rows));
                var key = RecordedKey(row.SubjectId, row.Term, kind, row.Score);
                recorded[key] = recorded.TryGetValue(key, out var m)
                    ? m with { Count = m.Count + 1, ScoreSum = m.ScoreSum + row.Score, MaxSum = m.MaxSum + row.MaxScore }
                    : new RecordedMarks(row.SubjectId, row.Term, kind, 1, row.Score, row.MaxScore);
                if (row.StudentId is { } student && students.Contains(student))
                {
                    var own = (student, row.SubjectId, row.Term, kind);
                    work[own] = work.TryGetValue(own, out var w)
                        ? w with { Count = w.Count + 1, ScoreSum = w.ScoreSum + row.Score, MaxSum = w.MaxSum + row.MaxScore }
                        : new StudentMarks(student, row.SubjectId, row.Term, kind, 1, row.Score, row.MaxScore);
                }
                continue;
            }
            var roster = row.Roster ?? [];
            var codes = new Dictionary<string, AbsenceCode>(StringComparer.Ordinal);
            for (var i = 0; i < (row.AbsentIds?.Count ?? 0); i++)
            {
                codes[row.AbsentIds![i]] = row.AbsentCodes![i];
            }
            int Count(AbsenceCode code) => codes.Values.Count(c => c == code);
            var lesson = (row.SubjectId, row.Term);
            var l = lessons.GetValueOrDefault(lesson) ?? new RecordedLessons(row.SubjectId, row.Term, 0, 0, 0, 0, 0, 0);
            lessons[lesson] = l with
            {
                Lessons = l.Lessons + 1,
                Seats = l.Seats + roster.Count,
                Late = l.Late + Count(AbsenceCode.Late),
                Unexcused = l.Unexcused + Count(AbsenceCode.Unexcused),
                Excused = l.Excused + Count(AbsenceCode.Excused),
                Sick = l.Sick + Count(AbsenceCode.Sick),
            };
            foreach (var student in roster)
            {
                var day = (student, row.Date);
                var s = seats.GetValueOrDefault(day) ?? new StudentSeats(student, row.Date, 0, 0, 0, 0, 0);
                var code = codes.TryGetValue(student, out var c) ? c : (AbsenceCode?)null;
                seats[day] = s with
                {
                    Seats = s.Seats + 1,
                    Late = s.Late + (code == AbsenceCode.Late ? 1 : 0),
                    Unexcused = s.Unexcused + (code == AbsenceCode.Unexcused ? 1 : 0),
                    Excused = s.Excused + (code == AbsenceCode.Excused ? 1 : 0),
                    Sick = s.Sick + (code == AbsenceCode.Sick ? 1 : 0),
                };
            }
        }
        return data with
        {
            Watermark = watermark,
            RecordedMarks = recorded.Values.ToList(),
            StudentMarks = work.Values.ToList(),
            Lessons = lessons.Values.ToList(),
            Seats = seats.Values.ToList(),
            ClosedTerms = closedTerms,
            // Each row is the class's; those naming one of its students count a second time, as ScopeRows counts them.
            ScopeRows = data.ScopeRows + rows.Count + rows.Count(r => r.StudentId is { } s && students.Contains(s)),
        };
    }

    // The journal sums development levels apart (each level is a figure of its own); other kinds by kind.
    private static (string, int, MarkKind, long) RecordedKey(string subjectId, int term, MarkKind kind, long score) =>
        (subjectId, term, kind, kind == MarkKind.Development ? score : -1);

    /// <summary>The data in <see cref="Format"/> 1: a table of the ids it names, then each list, integers 7-bit encoded.</summary>
    public static byte[] Encode(ClassLedgerData data)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            void Id(string id)
            {
                if (!ids.TryGetValue(id, out var n))
                {
                    ids[id] = n = ids.Count;
                }
                w.Write7BitEncodedInt(n);
            }
            void Long(long value) => w.Write7BitEncodedInt64(value);

            w.Write7BitEncodedInt(data.RecordedMarks.Count);
            foreach (var m in data.RecordedMarks)
            {
                Id(m.SubjectId); Long(m.Term); Long((int)m.Kind); Long(m.Count); Long(m.ScoreSum); Long(m.MaxSum);
            }
            w.Write7BitEncodedInt(data.StudentMarks.Count);
            foreach (var m in data.StudentMarks)
            {
                Id(m.StudentId); Id(m.SubjectId); Long(m.Term); Long((int)m.Kind); Long(m.Count); Long(m.ScoreSum); Long(m.MaxSum);
            }
            w.Write7BitEncodedInt(data.Lessons.Count);
            foreach (var l in data.Lessons)
            {
                Id(l.SubjectId); Long(l.Term); Long(l.Lessons); Long(l.Seats); Long(l.Late); Long(l.Unexcused); Long(l.Excused); Long(l.Sick);
            }
            w.Write7BitEncodedInt(data.Seats.Count);
            foreach (var s in data.Seats)
            {
                Id(s.StudentId); Long(s.Date.DayNumber); Long(s.Seats); Long(s.Late); Long(s.Unexcused); Long(s.Excused); Long(s.Sick);
            }
            w.Write7BitEncodedInt(data.Excusals?.Count ?? 0);
            foreach (var e in data.Excusals ?? [])
            {
                Id(e.StudentId); Id(e.SubjectId); Long(e.Term); Long((int)e.Kind);
            }
            w.Write7BitEncodedInt(data.Exemptions?.Count ?? 0);
            foreach (var e in data.Exemptions ?? [])
            {
                Id(e.StudentId); Id(e.SubjectId); Long(e.Term);
            }
            w.Write7BitEncodedInt(data.ClosedTerms.Count);
            foreach (var t in data.ClosedTerms)
            {
                Long(t);
            }
        }
        var result = new MemoryStream();
        using (var w = new BinaryWriter(result, Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(Format);
            w.Write7BitEncodedInt64(data.Watermark);
            w.Write7BitEncodedInt(ids.Count);
            foreach (var id in ids.OrderBy(p => p.Value))
            {
                w.Write(id.Key);
            }
            w.Write(body.GetBuffer(), 0, (int)body.Length);
        }
        return result.ToArray();
    }

    /// <summary>The data <see cref="Encode"/> wrote; a snapshot of another format or cut short is refused.</summary>
    public static ClassLedgerData Decode(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            var format = r.Read7BitEncodedInt();
            if (format != Format)
            {
                throw new FormatException($"Class ledger snapshot of format {format}, expected {Format}.");
            }
            var watermark = r.Read7BitEncodedInt64();
            // Every entry takes a byte at least: a count beyond the bytes left is corrupt, not a reason to allocate.
            int Count() => r.Read7BitEncodedInt() is var n && n >= 0 && n <= r.BaseStream.Length - r.BaseStream.Position
                ? n : throw new FormatException("Class ledger snapshot with a count beyond its length.");
            var ids = new string[Count()];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = r.ReadString();
            }
            string Id() => ids[r.Read7BitEncodedInt()];
            long Long() => r.Read7BitEncodedInt64();
            int Int() => checked((int)r.Read7BitEncodedInt64());
            List<T> List<T>(Func<T> read) => Enumerable.Range(0, Count()).Select(_ => read()).ToList();
            MarkKind Kind() => Int() is var k && Enum.IsDefined((MarkKind)k) ? (MarkKind)k : throw new FormatException($"Mark kind {k} in a class ledger snapshot.");

            var recorded = List(() => new RecordedMarks(Id(), Int(), Kind(), Long(), Long(), Long()));
            var work = List(() => new StudentMarks(Id(), Id(), Int(), Kind(), Long(), Long(), Long()));
            var lessons = List(() => new RecordedLessons(Id(), Int(), Long(), Long(), Long(), Long(), Long(), Long()));
            var seats = List(() => new StudentSeats(Id(), DateOnly.FromDayNumber(Int()), Int(), Int(), Int(), Int(), Int()));
            var excusals = List(() => new StudentExcusal(Id(), Id(), Int(), Kind()));
            var exemptions = List(() => new StudentExemption(Id(), Id(), Int()));
            var closed = List(Int).ToHashSet();
            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new FormatException("Class ledger snapshot with bytes after its end.");
            }
            return new ClassLedgerData(watermark, recorded, work, lessons, seats, closed, excusals, exemptions);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new FormatException("Class ledger snapshot cut short or corrupt.", ex);
        }
    }
}

/// <summary>
/// A journal row written after a snapshot's watermark, in the class (<see cref="InClass"/>) or naming one of its
/// students elsewhere, with its term as the class's calendar buckets it (0: outside every term).
/// </summary>
public sealed record JournalDeltaRow(
    long Seq,
    EntryKind Kind,
    bool InClass,
    bool Supersedes,
    string SubjectId,
    int Term,
    DateOnly Date,
    string? StudentId = null,
    MarkKind? MarkKind = null,
    int Score = 0,
    int MaxScore = 0,
    IReadOnlyList<string>? Roster = null,
    IReadOnlyList<string>? AbsentIds = null,
    IReadOnlyList<AbsenceCode>? AbsentCodes = null);
