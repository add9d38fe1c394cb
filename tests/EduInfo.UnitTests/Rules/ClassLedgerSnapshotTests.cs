using EduInfo.Domain.Journal;

namespace EduInfo.UnitTests.Rules;

/// <summary>A class's ledger sums as a snapshot: read back exactly, brought forward by plain rows only, kept by their basis.</summary>
public sealed class ClassLedgerSnapshotTests
{
    private static readonly DateOnly Nov10 = new(2026, 11, 10);

    private static ClassLedgerData Sample() => new(
        Watermark: 5_000_000_123,
        RecordedMarks:
        [
            new("MAT", 2, MarkKind.Formative, 3, 21, 30),
            new("MAT", 2, MarkKind.Section, 1, 15, 20),
            new("DEV", 1, MarkKind.Development, 2, 6, 6),
            new("DEV", 1, MarkKind.Development, 1, 1, 3),
        ],
        StudentMarks:
        [
            new("s1", "MAT", 2, MarkKind.Formative, 2, 15, 20),
            new("s2", "MAT", 2, MarkKind.Formative, 1, 6, 10),
            new("s1", "MAT", 2, MarkKind.Section, 1, 15, 20),
        ],
        Lessons: [new("MAT", 2, 1, 3, 1, 1, 0, 0)],
        Seats: [new("s1", Nov10, 1, 0, 1, 0, 0), new("s2", Nov10, 1, 1, 0, 0, 0), new("s3", Nov10, 1, 0, 0, 0, 0)],
        ClosedTerms: new HashSet<int> { 1 },
        Excusals: [new("s3", "MAT", 1, MarkKind.Term)],
        Exemptions: [new("s2", "PE", 0)]);

    [Fact]
    public void Encoded_data_reads_back_exactly()
    {
        var data = Sample();
        var back = ClassLedgerSnapshot.Decode(ClassLedgerSnapshot.Encode(data));
        Assert.Equal(Canonical(data), Canonical(back));
        Assert.Equal(data.Watermark, back.Watermark);
    }

    public static TheoryData<string, Func<byte[], byte[]>> Damaged => new()
    {
        { "another format", b => [(byte)(ClassLedgerSnapshot.Format + 1), .. b[1..]] },
        { "cut short", b => b[..^2] },
        { "bytes after the end", b => [.. b, 0] },
        { "empty", _ => [] },
        // A table of 2^31 - 1 ids in a snapshot of a few bytes: refused before anything is allocated.
        { "a count beyond its length", b => [b[0], 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_snapshot_is_refused(string what, Func<byte[], byte[]> damage)
    {
        var bytes = damage(ClassLedgerSnapshot.Encode(Sample()));
        var refused = Assert.Throws<FormatException>(() => ClassLedgerSnapshot.Decode(bytes));
        Assert.True(refused.Message.StartsWith("Class ledger snapshot", StringComparison.Ordinal), $"{what}: {refused.Message}");
    }

    [Fact]
    public void Plain_rows_add_what_the_journal_would_sum()
    {
        var rows = new List<JournalDeltaRow>
        {
            Mark(10, "s1", "MAT", MarkKind.Formative, 9, 10),
            Mark(11, "s4", "MAT", MarkKind.Section, 12, 20), // a new pupil of the roster
            Mark(12, "gone", "MAT", MarkKind.Formative, 2, 10), // no longer on the roster: the class's sums only
            Mark(13, "s1", "DEV", MarkKind.Development, 3, 3, term: 1),
            new(14, EntryKind.Lesson, true, false, "MAT", 2, Nov10.AddDays(1), Roster: ["s1", "s2", "s3"],
                AbsentIds: ["s1", "s3"], AbsentCodes: [AbsenceCode.Sick, AbsenceCode.Late]),
        };
        var advanced = ClassLedgerSnapshot.Advance(Sample() with { ScopeRows = 100 }, ["s1", "s2", "s3", "s4"], rows, 20, new HashSet<int> { 1, 2 })!;

        Assert.NotNull(advanced);
        Assert.Equal(20, advanced.Watermark);
        // Five rows of the class, three of them naming a pupil of the roster: counted as the journal's two indexes count them.
        Assert.Equal(100 + 5 + 3, advanced.ScopeRows);
        Assert.Equal([1, 2], advanced.ClosedTerms.Order());
        var recorded = advanced.RecordedMarks.ToDictionary(m => (m.SubjectId, m.Kind, m.Count == 0 ? 0 : m.ScoreSum / m.Count));
        Assert.Equal(new RecordedMarks("MAT", 2, MarkKind.Formative, 5, 32, 50), recorded[("MAT", MarkKind.Formative, 6)]);
        Assert.Equal(new RecordedMarks("MAT", 2, MarkKind.Section, 2, 27, 40), recorded[("MAT", MarkKind.Section, 13)]);
        // Development levels stay apart: level 3 had two, now three; level 1 keeps its one.
        Assert.Equal(new RecordedMarks("DEV", 1, MarkKind.Development, 3, 9, 9), recorded[("DEV", MarkKind.Development, 3)]);
        Assert.Equal(new RecordedMarks("DEV", 1, MarkKind.Development, 1, 1, 3), recorded[("DEV", MarkKind.Development, 1)]);
        Assert.Equal(4, advanced.RecordedMarks.Count);

        var work = advanced.StudentMarks.ToDictionary(m => (m.StudentId, m.SubjectId, m.Kind));
        Assert.Equal(new StudentMarks("s1", "MAT", 2, MarkKind.Formative, 3, 24, 30), work[("s1", "MAT", MarkKind.Formative)]);
        Assert.Equal(new StudentMarks("s4", "MAT", 2, MarkKind.Section, 1, 12, 20), work[("s4", "MAT", MarkKind.Section)]);
        Assert.Equal(new StudentMarks("s1", "DEV", 1, MarkKind.Development, 1, 3, 3), work[("s1", "DEV", MarkKind.Development)]);
        Assert.DoesNotContain(advanced.StudentMarks, m => m.StudentId == "gone");

        Assert.Equal(new RecordedLessons("MAT", 2, 2, 6, 2, 1, 0, 1), Assert.Single(advanced.Lessons));
        var seats = advanced.Seats.Where(s => s.Date == Nov10.AddDays(1)).ToDictionary(s => s.StudentId);
        Assert.Equal(new StudentSeats("s1", Nov10.AddDays(1), 1, 0, 0, 0, 1), seats["s1"]);
        Assert.Equal(new StudentSeats("s2", Nov10.AddDays(1), 1, 0, 0, 0, 0), seats["s2"]);
        Assert.Equal(new StudentSeats("s3", Nov10.AddDays(1), 1, 1, 0, 0, 0), seats["s3"]);
        Assert.Equal(6, advanced.Seats.Count);
        Assert.Equal(Canonical(Sample()).Excusals, Canonical(advanced).Excusals);
    }

    [Fact]
    public void A_second_roll_call_of_a_day_adds_to_the_pupils_day()
    {
        var rows = new List<JournalDeltaRow>
        {
            new(10, EntryKind.Lesson, true, false, "KAZ", 2, Nov10, Roster: ["s1", "s2"], AbsentIds: ["s1"], AbsentCodes: [AbsenceCode.Unexcused]),
        };
        var advanced = ClassLedgerSnapshot.Advance(Sample(), ["s1", "s2", "s3"], rows, 11, new HashSet<int>())!;
        var seats = advanced.Seats.ToDictionary(s => s.StudentId);
        Assert.Equal(new StudentSeats("s1", Nov10, 2, 0, 2, 0, 0), seats["s1"]);
        Assert.Equal(new StudentSeats("s2", Nov10, 2, 1, 0, 0, 0), seats["s2"]);
        Assert.Equal(new StudentSeats("s3", Nov10, 1, 0, 0, 0, 0), seats["s3"]);
    }

    public static TheoryData<string, JournalDeltaRow> RowsThatNeedACount => new()
    {
        { "a correction", Mark(10, "s1", "MAT", MarkKind.Formative, 7, 10) with { Supersedes = true } },
        { "a void", new JournalDeltaRow(10, EntryKind.Void, true, true, "MAT", 2, Nov10) },
        { "an excusal", new JournalDeltaRow(10, EntryKind.Excusal, true, false, "MAT", 2, Nov10, "s1", MarkKind.Term) },
        { "an exemption", new JournalDeltaRow(10, EntryKind.Exemption, true, false, "PE", 2, Nov10, "s1") },
        { "a pupil's mark in another class", Mark(10, "s1", "MAT", MarkKind.Formative, 7, 10) with { InClass = false } },
    };

    [Theory]
    [MemberData(nameof(RowsThatNeedACount))]
    public void A_row_that_is_not_a_plain_addition_asks_for_a_count(string what, JournalDeltaRow row)
    {
        var rows = new List<JournalDeltaRow> { Mark(9, "s2", "MAT", MarkKind.Formative, 5, 10), row };
        Assert.True(ClassLedgerSnapshot.Advance(Sample(), ["s1", "s2", "s3"], rows, 11, new HashSet<int>()) is null, what);
    }

    [Fact]
    public void No_rows_keep_the_sums_and_take_the_watermark_and_closed_terms_given()
    {
        var advanced = ClassLedgerSnapshot.Advance(Sample(), ["s1", "s2", "s3"], [], 9_000_000_000, new HashSet<int> { 2 })!;
        Assert.Equal(Canonical(Sample() with { ClosedTerms = new HashSet<int> { 2 } }), Canonical(advanced));
        Assert.Equal(9_000_000_000, advanced.Watermark);
    }

    public static TheoryData<string, string, bool> Bases => new()
    {
        { "the same in another order", ClassLedgerSnapshot.BasisOf("2026-2027", Terms(), ["s2", "s1", "s1"]), true },
        { "another year", ClassLedgerSnapshot.BasisOf("2027-2028", Terms(), ["s1", "s2"]), false },
        { "a term's end moved", ClassLedgerSnapshot.BasisOf("2026-2027", [Terms()[0], Terms()[1] with { Ends = new DateOnly(2026, 12, 26) }], ["s1", "s2"]), false },
        { "a pupil more", ClassLedgerSnapshot.BasisOf("2026-2027", Terms(), ["s1", "s2", "s3"]), false },
        { "a pupil less", ClassLedgerSnapshot.BasisOf("2026-2027", Terms(), ["s1"]), false },
    };

    [Theory]
    [MemberData(nameof(Bases))]
    public void The_basis_names_the_year_the_terms_and_the_roster_in_any_order(string what, string basis, bool same)
    {
        var reference = ClassLedgerSnapshot.BasisOf("2026-2027", Terms(), ["s1", "s2"]);
        Assert.True((basis == reference) == same, what);
    }

    private static List<TermSpan> Terms() =>
        [new(1, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 30)), new(2, new DateOnly(2026, 11, 9), new DateOnly(2026, 12, 25))];

    private static JournalDeltaRow Mark(long seq, string student, string subject, MarkKind kind, int score, int max, int term = 2) =>
        new(seq, EntryKind.Mark, true, false, subject, term, Nov10, student, kind, score, max);

    /// <summary>The data with its lists in one order, for comparing.</summary>
    private static (string RecordedMarks, string StudentMarks, string Lessons, string Seats, string Closed, string Excusals, string Exemptions) Canonical(ClassLedgerData d) => (
        string.Join('|', d.RecordedMarks.Select(x => x.ToString()).Order(StringComparer.Ordinal)),
        string.Join('|', d.StudentMarks.Select(x => x.ToString()).Order(StringComparer.Ordinal)),
        string.Join('|', d.Lessons.Select(x => x.ToString()).Order(StringComparer.Ordinal)),
        string.Join('|', d.Seats.Select(x => x.ToString()).Order(StringComparer.Ordinal)),
        string.Join('|', d.ClosedTerms.Order()),
        string.Join('|', (d.Excusals ?? []).Select(x => x.ToString()).Order(StringComparer.Ordinal)),
        string.Join('|', (d.Exemptions ?? []).Select(x => x.ToString()).Order(StringComparer.Ordinal)));
}
