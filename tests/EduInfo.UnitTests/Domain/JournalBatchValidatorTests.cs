using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class JournalBatchValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly JournalLimits Limits = new();
    private const string Teacher = "T1";

    // S2 left on 31 Oct, S3 arrived on 1 Nov; T2 taught Kazakh until 15 Oct, then T3 took over.
    private static readonly ClassRecord Class = new("C1", "O1", "2026-2027", 7,
        [new Enrolment("S1", new(2026, 9, 1), null), new Enrolment("S2", new(2026, 9, 1), new(2026, 10, 31)), new Enrolment("S3", new(2026, 11, 1), null)],
        [new Assignment("T1", "C1", "MAT", new(2026, 9, 1), null),
         new Assignment("T2", "C1", "KAZ", new(2026, 9, 1), new(2026, 10, 15)),
         new Assignment("T3", "C1", "KAZ", new(2026, 10, 16), null),
         new Assignment("T1", "OTHER-GROUP", "PHY", new(2026, 9, 1), null)]);

    private static readonly Guid Id1 = Guid.Parse("00000000-0000-0000-0000-000000000001");

    private static MarkEntry Mark(string student = "S1", string subject = "MAT", string date = "2026-11-20", string? kind = "formative", int? score = 7, int? max = null) =>
        new(Id1, student, subject, DateOnly.Parse(date), kind, score, max);

    public static TheoryData<string, MarkEntry, string?, JournalError?> MarkCases => new()
    {
        { "valid formative", Mark(), null, null },
        { "formative with the scale given", Mark(max: 10), null, null },
        { "valid section summative of 0", Mark(kind: "section", score: 0, max: 20), null, null },
        { "a student who left, before leaving", Mark(student: "S2", date: "2026-10-01"), null, null },
        { "no entry id", Mark() with { EntryId = null }, "entries[0].entryId", JournalError.Required },
        { "empty entry id", Mark() with { EntryId = Guid.Empty }, "entries[0].entryId", JournalError.Required },
        { "no student", Mark() with { StudentId = null }, "entries[0].studentId", JournalError.Required },
        { "a student who left, after leaving", Mark(student: "S2"), "entries[0].studentId", JournalError.StudentNotInClass },
        { "a student who arrived later", Mark(student: "S3", date: "2026-10-01"), "entries[0].studentId", JournalError.StudentNotInClass },
        { "a student of another class", Mark(student: "S9"), "entries[0].studentId", JournalError.StudentNotInClass },
        { "no subject", Mark() with { SubjectId = null }, "entries[0].subjectId", JournalError.Required },
        { "a subject not taught to the class", Mark(subject: "PHY"), "entries[0].subjectId", JournalError.SubjectUnknown },
        { "another teacher's subject", Mark(subject: "KAZ"), "entries[0].subjectId", JournalError.NotAssigned },
        { "no date", Mark() with { Date = null }, "entries[0].date", JournalError.Required },
        { "tomorrow", Mark(date: "2026-11-28"), "entries[0].date", JournalError.DateInFuture },
        { "before the year", Mark(date: "2026-08-31"), "entries[0].date", JournalError.DateOutsideAcademicYear },
        { "no kind", Mark(kind: null), "entries[0].kind", JournalError.Required },
        { "unknown kind", Mark(kind: "exam"), "entries[0].kind", JournalError.MarkKindUnknown },
        { "kind in another case", Mark(kind: "Formative"), "entries[0].kind", JournalError.MarkKindUnknown },
        { "formative 0", Mark(score: 0), "entries[0].score", JournalError.ScoreOutOfRange },
        { "formative 11", Mark(score: 11), "entries[0].score", JournalError.ScoreOutOfRange },
        { "formative without a score", Mark(score: null), "entries[0].score", JournalError.Required },
        { "formative on another scale", Mark(max: 20), "entries[0].maxScore", JournalError.MaxScoreNotAllowed },
        { "section without a maximum", Mark(kind: "section", max: null), "entries[0].maxScore", JournalError.Required },
        { "section of 0", Mark(kind: "term", max: 0), "entries[0].maxScore", JournalError.MaxScoreOutOfRange },
        { "section of 101", Mark(kind: "term", max: 101), "entries[0].maxScore", JournalError.MaxScoreOutOfRange },
        { "score above the maximum", Mark(kind: "section", score: 21, max: 20), "entries[0].score", JournalError.ScoreOutOfRange },
        { "negative score", Mark(kind: "section", score: -1, max: 20), "entries[0].score", JournalError.ScoreOutOfRange },
    };

    [Theory]
    [MemberData(nameof(MarkCases))]
    public void Checks_each_mark(string because, MarkEntry entry, string? field, JournalError? error)
    {
        var result = JournalBatchValidator.ValidateMarks(Class, Teacher, new MarkBatch([entry]), Today, Limits);
        if (error is null)
        {
            Assert.True(result.IsValid, because);
            Assert.Single(result.Rows);
        }
        else
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal((field, error), (problem.Field, (JournalError?)problem.Error));
            Assert.Empty(result.Rows);
        }
    }

    [Fact]
    public void The_substitute_may_write_only_from_the_substitution_date()
    {
        const string substitute = "T3";
        Assert.True(JournalBatchValidator.ValidateMarks(Class, substitute, new MarkBatch([Mark(subject: "KAZ", date: "2026-10-16")]), Today, Limits).IsValid);
        var before = JournalBatchValidator.ValidateMarks(Class, substitute, new MarkBatch([Mark(subject: "KAZ", date: "2026-10-15")]), Today, Limits);
        Assert.Equal(JournalError.NotAssigned, Assert.Single(before.Problems).Error);
    }

    [Fact]
    public void One_bad_entry_refuses_the_whole_batch()
    {
        var batch = new MarkBatch([Mark(), Mark() with { EntryId = Guid.NewGuid(), Score = 42 }, Mark() with { EntryId = Guid.NewGuid() }]);
        var result = JournalBatchValidator.ValidateMarks(Class, Teacher, batch, Today, Limits);
        Assert.Empty(result.Rows);
        Assert.Equal("entries[1].score", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Batch_bounds_and_duplicate_ids()
    {
        Assert.Equal(JournalError.BatchEmpty, Assert.Single(JournalBatchValidator.ValidateMarks(Class, Teacher, new MarkBatch([]), Today, Limits).Problems).Error);
        Assert.Equal(JournalError.BatchEmpty, Assert.Single(JournalBatchValidator.ValidateMarks(Class, Teacher, new MarkBatch(null), Today, Limits).Problems).Error);
        var tooMany = new MarkBatch(Enumerable.Range(0, 501).Select(_ => Mark() with { EntryId = Guid.NewGuid() }).ToList());
        var big = Assert.Single(JournalBatchValidator.ValidateMarks(Class, Teacher, tooMany, Today, Limits).Problems);
        Assert.Equal((JournalError.BatchTooLarge, "500"), (big.Error, big.Arguments[0]));
        var twice = JournalBatchValidator.ValidateMarks(Class, Teacher, new MarkBatch([Mark(), Mark(score: 9)]), Today, Limits);
        Assert.Equal(("entries[1].entryId", JournalError.EntryIdDuplicateInBatch), (Assert.Single(twice.Problems).Field, twice.Problems[0].Error));
    }

    [Fact]
    public void The_payload_hash_follows_the_content()
    {
        byte[] HashOf(MarkEntry e) => JournalBatchValidator.ValidateMarks(Class, Teacher, new MarkBatch([e]), Today, Limits).Rows[0].PayloadHash;
        Assert.Equal(HashOf(Mark()), HashOf(Mark()));
        Assert.NotEqual(HashOf(Mark()), HashOf(Mark(score: 8)));
        Assert.NotEqual(HashOf(Mark()), HashOf(Mark(date: "2026-11-19")));
        Assert.Equal(HashOf(Mark()), HashOf(Mark(max: 10))); // the scale given or implied is the same mark
    }

    private static LessonEntry Lesson(int? period = 2, string date = "2026-11-20", params Absentee[] absentees) =>
        new(Id1, "MAT", DateOnly.Parse(date), period, absentees);

    public static TheoryData<string, LessonEntry, string?, JournalError?> LessonCases => new()
    {
        { "everyone present", Lesson(), null, null },
        { "two absentees", Lesson(2, "2026-11-20", new Absentee("S1", "sick"), new Absentee("S3", "late")), null, null },
        { "no period", Lesson(null), "entries[0].period", JournalError.Required },
        { "period 0", Lesson(0), "entries[0].period", JournalError.PeriodOutOfRange },
        { "period 13", Lesson(13), "entries[0].period", JournalError.PeriodOutOfRange },
        { "absentee not in the class that day", Lesson(2, "2026-11-20", new Absentee("S2", "sick")), "entries[0].absentees[0].studentId", JournalError.StudentNotInClass },
        { "absentee without a code", Lesson(2, "2026-11-20", new Absentee("S1", null)), "entries[0].absentees[0].code", JournalError.Required },
        { "Cyrillic о instead of late", Lesson(2, "2026-11-20", new Absentee("S1", "о")), "entries[0].absentees[0].code", JournalError.AbsenceCodeUnknown },
        { "absentee twice", Lesson(2, "2026-11-20", new Absentee("S1", "sick"), new Absentee("S1", "late")), "entries[0].absentees[1].studentId", JournalError.AbsenteeDuplicate },
        { "future lesson", Lesson(2, "2026-12-01"), "entries[0].date", JournalError.DateInFuture },
    };

    [Theory]
    [MemberData(nameof(LessonCases))]
    public void Checks_each_roll_call(string because, LessonEntry entry, string? field, JournalError? error)
    {
        var result = JournalBatchValidator.ValidateLessons(Class, Teacher, new LessonBatch([entry]), Today, Limits);
        if (error is null)
        {
            Assert.True(result.IsValid, because);
        }
        else
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal((field, error), (problem.Field, (JournalError?)problem.Error));
        }
    }

    [Fact]
    public void A_roll_call_stores_the_roster_of_its_date()
    {
        var october = JournalBatchValidator.ValidateLessons(Class, Teacher, new LessonBatch([Lesson(1, "2026-10-01")]), Today, Limits).Rows[0];
        var november = JournalBatchValidator.ValidateLessons(Class, Teacher, new LessonBatch([Lesson(1, "2026-11-20")]), Today, Limits).Rows[0];
        Assert.Equal(["S1", "S2"], october.Roster);
        Assert.Equal(["S1", "S3"], november.Roster);
    }

    [Fact]
    public void The_same_lesson_twice_in_a_batch_is_refused()
    {
        var second = Lesson() with { EntryId = Guid.NewGuid() };
        var result = JournalBatchValidator.ValidateLessons(Class, Teacher, new LessonBatch([Lesson(), second]), Today, Limits);
        Assert.Equal(("entries[1].period", JournalError.LessonDuplicateInBatch), (Assert.Single(result.Problems).Field, result.Problems[0].Error));
    }

    [Fact]
    public void The_order_of_absentees_does_not_change_the_payload()
    {
        var a = Lesson(2, "2026-11-20", new Absentee("S1", "sick"), new Absentee("S3", "late"));
        var b = Lesson(2, "2026-11-20", new Absentee("S3", "late"), new Absentee("S1", "sick"));
        var c = Lesson(2, "2026-11-20", new Absentee("S3", "sick"), new Absentee("S1", "late"));
        byte[] HashOf(LessonEntry e) => JournalBatchValidator.ValidateLessons(Class, Teacher, new LessonBatch([e]), Today, Limits).Rows[0].PayloadHash;
        Assert.Equal(HashOf(a), HashOf(b));
        Assert.NotEqual(HashOf(a), HashOf(c));
    }
}
