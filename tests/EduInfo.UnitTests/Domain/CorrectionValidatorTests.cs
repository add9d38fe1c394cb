using EduInfo.Domain.Journal;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

public sealed class CorrectionValidatorTests
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000c1");

    private static JournalRow Row(long sequence, EntryKind kind, string subject = "MAT", string date = "2026-11-20", MarkKind? markKind = null,
        int? score = null, int? max = null, string group = "C1", string classId = "C1") =>
        new(sequence, kind, classId, subject, D(date), kind == EntryKind.Lesson ? 2 : null,
            kind is EntryKind.Mark or EntryKind.Excusal ? "S1" : null, markKind, score, max,
            kind == EntryKind.Lesson ? ["S1", "S2"] : null,
            kind == EntryKind.Lesson ? ["S2"] : null,
            kind == EntryKind.Lesson ? [AbsenceCode.Sick] : null,
            null, kind is EntryKind.Void or EntryKind.Excusal ? "a reason" : null, "T1", default, null, group);

    // The rows corrected below: a formative mark of term 2 (scale 20), a section of 20, a development level, a
    // roll-call of S1 and S2 with S2 sick, an excusal, a void, a mark of closed term 1, another class's mark, a Kazakh
    // mark of T2's time, a physics mark of subgroup G1 and one of the whole class (which T1 does not teach physics).
    private static readonly JournalRow Formative = Row(10, EntryKind.Mark, markKind: MarkKind.Formative, score: 7, max: 20);
    private static readonly JournalRow Section = Row(11, EntryKind.Mark, markKind: MarkKind.Section, score: 15, max: 20);
    private static readonly JournalRow Development = Row(12, EntryKind.Mark, markKind: MarkKind.Development, score: 2, max: 3);
    private static readonly JournalRow RollCall = Row(13, EntryKind.Lesson);
    private static readonly JournalRow Excusal = Row(14, EntryKind.Excusal, date: "2026-11-02", markKind: MarkKind.Section);
    private static readonly JournalRow Void = Row(15, EntryKind.Void);
    private static readonly JournalRow ClosedTerm = Row(16, EntryKind.Mark, date: "2026-10-01", markKind: MarkKind.Formative, score: 7, max: 10);
    private static readonly JournalRow OtherClass = Row(17, EntryKind.Mark, markKind: MarkKind.Formative, score: 7, max: 20, classId: "C2");
    private static readonly JournalRow Kazakh = Row(18, EntryKind.Mark, subject: "KAZ", date: "2026-11-10", markKind: MarkKind.Formative, score: 7, max: 20);
    private static readonly JournalRow GroupPhysics = Row(19, EntryKind.Mark, subject: "PHY", markKind: MarkKind.Formative, score: 7, max: 20, group: "G1");
    private static readonly JournalRow ClassPhysics = Row(20, EntryKind.Mark, subject: "PHY", markKind: MarkKind.Formative, score: 7, max: 20);

    private static ProposedCorrection Replace(JournalRow row, int? score = null, int? max = null, string reason = "typo", params Absentee?[] absentees) =>
        new(Id, row.Sequence, "replace", reason, score, max, absentees);

    private static ProposedCorrection Voiding(JournalRow row, string? reason = "typo") => new(Id, row.Sequence, "void", reason, null, null, null);

    public static TheoryData<string, JournalWriter, ProposedCorrection, JournalRow?, string[]> Cases => new()
    {
        // Allowed.
        { "the teacher replaces a formative mark", Teacher, Replace(Formative, 15), Formative, [] },
        { "with the term's scale given", Teacher, Replace(Formative, 20, 20), Formative, [] },
        { "the head voids a mark", Head, Voiding(Formative), Formative, [] },
        { "a district head voids a mark", DistrictHead, Voiding(Formative), Formative, [] },
        { "a void's score is not looked at", Teacher, Voiding(Formative) with { Score = 999, MaxScore = -1 }, Formative, [] },
        { "a section on a new maximum", Teacher, Replace(Section, 18, 25), Section, [] },
        { "a section keeps its maximum when none is given", Teacher, Replace(Section, 20), Section, [] },
        { "a section of 0", Teacher, Replace(Section, 0), Section, [] },
        { "a section out of 100", Teacher, Replace(Section, 100, 100), Section, [] },
        { "a development level III", Teacher, Replace(Development, 3), Development, [] },
        { "a roll-call with new absentees", Teacher, Replace(RollCall, absentees: [new Absentee("S1", "late"), new Absentee("S2", "excused")]), RollCall, [] },
        { "a roll-call with everyone present", Teacher, Replace(RollCall), RollCall, [] },
        { "the head voids an excusal", Head, Voiding(Excusal), Excusal, [] },
        { "the teacher of the day corrects it after handing over", TeacherNamed("T2"), Replace(Kazakh, 9), Kazakh, [] },
        { "the subgroup's teacher corrects its row", Teacher, Replace(GroupPhysics, 9), GroupPhysics, [] },
        { "a reason of 500 characters", Teacher, Replace(Formative, 9, reason: new string('r', 500)), Formative, [] },

        // The request itself.
        { "no entry id", Teacher, Replace(Formative, 9) with { EntryId = null }, Formative, ["entryId:Required"] },
        { "an empty entry id", Teacher, Replace(Formative, 9) with { EntryId = Guid.Empty }, Formative, ["entryId:Required"] },
        { "no row superseded", Teacher, Replace(Formative, 9) with { Supersedes = null }, Formative, ["supersedes:Required"] },
        { "no action", Teacher, Replace(Formative, 9) with { Action = null }, Formative, ["action:Required"] },
        { "an unknown action", Teacher, Replace(Formative, 9) with { Action = "delete" }, Formative, ["action:CorrectionActionUnknown"] },
        { "an action in another case", Teacher, Replace(Formative, 9) with { Action = "Void" }, Formative, ["action:CorrectionActionUnknown"] },
        { "no reason", Teacher, Replace(Formative, 9) with { Reason = null }, Formative, ["reason:ReasonRequired"] },
        { "a blank reason", Teacher, Replace(Formative, 9, reason: "   "), Formative, ["reason:ReasonRequired"] },
        { "a reason of 501 characters", Teacher, Replace(Formative, 9, reason: new string('r', 501)), Formative, ["reason:ReasonTooLong"] },
        { "a reason with a line break", Teacher, Replace(Formative, 9, reason: "typo\nfixed"), Formative, ["reason:ReasonTooLong"] },
        { "a reason with a NUL", Teacher, Replace(Formative, 9, reason: "typo\0"), Formative, ["reason:ReasonTooLong"] },
        { "an empty request", Teacher, new ProposedCorrection(null, null, null, null, null, null, null), null,
            ["entryId:Required", "supersedes:Required", "action:Required", "reason:ReasonRequired"] },

        // The row superseded.
        { "no such row", Head, Voiding(Formative), null, ["supersedes:EntryNotFound"] },
        { "another class's row", Head, Voiding(OtherClass), OtherClass, ["supersedes:EntryNotFound"] },
        { "a void", Head, Voiding(Void), Void, ["supersedes:EntryNotFound"] },
        { "a row other than the one named", Head, Voiding(Formative) with { Supersedes = 99 }, Formative, ["supersedes:EntryNotFound"] },
        { "another teacher's subject", TeacherNamed("T3"), Replace(Kazakh, 9), Kazakh, ["supersedes:NotAllowed"] },
        { "an account that is no teacher", NoPerson, Replace(Formative, 9), Formative, ["supersedes:NotAllowed"] },
        { "the head of another school", OtherHead, Voiding(Formative), Formative, ["supersedes:NotAllowed"] },
        { "the subject's teacher of another group", Teacher, Replace(ClassPhysics, 9), ClassPhysics, ["supersedes:NotAllowed"] },
        { "a teacher voids an excusal", Teacher, Voiding(Excusal), Excusal, ["supersedes:NotAllowed"] },
        { "the head replaces an excusal", Head, Replace(Excusal, 9), Excusal, ["action:CorrectionActionUnknown"] },
        { "a row of a closed term", Teacher, Replace(ClosedTerm, 9), ClosedTerm, ["supersedes:TermClosed"] },
        { "a row of a closed term, by the head", Head, Voiding(ClosedTerm), ClosedTerm, ["supersedes:TermClosed"] },

        // A mark's new values.
        { "a formative mark above the term's scale", Teacher, Replace(Formative, 21), Formative, ["score:ScoreOutOfRange"] },
        { "a formative mark of 0", Teacher, Replace(Formative, 0), Formative, ["score:ScoreOutOfRange"] },
        { "a formative mark without a score", Teacher, Replace(Formative), Formative, ["score:Required"] },
        { "a formative mark on another scale", Teacher, Replace(Formative, 9, 10), Formative, ["maxScore:MaxScoreNotAllowed"] },
        { "a development level IV", Teacher, Replace(Development, 4), Development, ["score:ScoreOutOfRange"] },
        { "a development level out of 5", Teacher, Replace(Development, 2, 5), Development, ["maxScore:MaxScoreNotAllowed"] },
        { "a section above its maximum", Teacher, Replace(Section, 21), Section, ["score:ScoreOutOfRange"] },
        { "a negative section", Teacher, Replace(Section, -1), Section, ["score:ScoreOutOfRange"] },
        { "a section out of 0", Teacher, Replace(Section, 0, 0), Section, ["maxScore:MaxScoreOutOfRange"] },
        { "a section out of 101", Teacher, Replace(Section, 15, 101), Section, ["maxScore:MaxScoreOutOfRange"] },
        { "a section out of 0 scoring 5: both", Teacher, Replace(Section, 5, 0), Section, ["maxScore:MaxScoreOutOfRange", "score:ScoreOutOfRange"] },

        // A roll-call's new absentees.
        { "an absentee not on the stored roster", Teacher, Replace(RollCall, absentees: [new Absentee("S9", "sick")]), RollCall, ["absentees[0].studentId:StudentNotInClass"] },
        { "a missing absentee", Teacher, Replace(RollCall, absentees: [null]), RollCall, ["absentees[0].studentId:Required"] },
        { "an absentee without a student", Teacher, Replace(RollCall, absentees: [new Absentee(null, "sick")]), RollCall, ["absentees[0].studentId:Required"] },
        { "an absentee twice", Teacher, Replace(RollCall, absentees: [new Absentee("S1", "sick"), new Absentee("S1", "late")]), RollCall,
            ["absentees[1].studentId:AbsenteeDuplicate"] },
        { "an absentee without a code", Teacher, Replace(RollCall, absentees: [new Absentee("S1", null)]), RollCall, ["absentees[0].code:Required"] },
        { "Cyrillic о instead of late", Teacher, Replace(RollCall, absentees: [new Absentee("S1", "о")]), RollCall, ["absentees[0].code:AbsenceCodeUnknown"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_correction(string why, JournalWriter writer, ProposedCorrection correction, JournalRow? original, string[] expected)
    {
        var result = CorrectionValidator.Validate(correction, original, RulesOf(), writer, Limits);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void The_request_is_checked_before_the_journal_is_read()
    {
        Assert.Empty(CorrectionValidator.CheckRequest(Replace(Formative, 999)));
        AssertProblems("empty", ["entryId:Required", "supersedes:Required", "action:Required", "reason:ReasonRequired"],
            CorrectionValidator.CheckRequest(new ProposedCorrection(null, null, null, null, null, null, null)));
    }

    [Fact]
    public void A_replacement_supersedes_the_row_with_its_new_values_and_the_trimmed_reason()
    {
        var row = CorrectionValidator.Validate(Replace(Formative, 15, reason: "  typo  "), Formative, RulesOf(), Teacher, Limits).Row!;
        Assert.Equal((Id, 10L, false, "typo", 15, 20), (row.EntryId, row.Supersedes, row.Void, row.Reason, row.Score!.Value, row.MaxScore!.Value));
        Assert.Null(row.AbsentIds);

        var section = CorrectionValidator.Validate(Replace(Section, 12), Section, RulesOf(), Teacher, Limits).Row!;
        Assert.Equal((12, 20), (section.Score!.Value, section.MaxScore!.Value));

        var voided = CorrectionValidator.Validate(Voiding(Formative), Formative, RulesOf(), Head, Limits).Row!;
        Assert.Equal((true, (int?)null, (int?)null), (voided.Void, voided.Score, voided.MaxScore));

        var rollCall = CorrectionValidator.Validate(Replace(RollCall, absentees: [new Absentee("S1", "late")]), RollCall, RulesOf(), Teacher, Limits).Row!;
        Assert.Equal(["S1"], rollCall.AbsentIds!);
        Assert.Equal([AbsenceCode.Late], rollCall.AbsentCodes!);
        Assert.Null(rollCall.Score);
    }

    [Fact]
    public void The_formative_scale_is_the_policy_of_the_rows_term()
    {
        var open = RulesOf(closed: new HashSet<int>());
        // Term 1 is assessed on 10 points, term 2 on 20.
        Assert.Equal(JournalError.ScoreOutOfRange, Assert.Single(CorrectionValidator.Validate(Replace(ClosedTerm, 15), ClosedTerm, open, Teacher, Limits).Problems).Error);
        Assert.Equal(10, CorrectionValidator.Validate(Replace(ClosedTerm, 10), ClosedTerm, open, Teacher, Limits).Row!.MaxScore);
        Assert.Equal(20, CorrectionValidator.Validate(Replace(Formative, 15), Formative, open, Teacher, Limits).Row!.MaxScore);
        // A summative's maximum is bounded by the configured limit.
        var problem = Assert.Single(CorrectionValidator.Validate(Replace(Section, 15, 60), Section, open, Teacher, Limits with { MaxSummativeScore = 50 }).Problems);
        Assert.Equal(("maxScore", JournalError.MaxScoreOutOfRange), (problem.Field, problem.Error));
        Assert.Equal(["1", "50"], problem.Arguments);
    }

    [Fact]
    public void Without_a_calendar_no_term_is_closed()
    {
        Assert.True(CorrectionValidator.Validate(Replace(ClosedTerm, 9), ClosedTerm, RulesOf(noCalendar: true), Teacher, Limits).IsValid);
    }

    [Fact]
    public void The_payload_hash_follows_the_content_not_the_order_of_absentees()
    {
        byte[] HashOf(ProposedCorrection c, JournalRow original) => CorrectionValidator.Validate(c, original, RulesOf(), Teacher, Limits).Row!.PayloadHash;
        Assert.Equal(HashOf(Replace(Formative, 15), Formative), HashOf(Replace(Formative, 15), Formative));
        Assert.NotEqual(HashOf(Replace(Formative, 15), Formative), HashOf(Replace(Formative, 16), Formative));
        Assert.NotEqual(HashOf(Replace(Formative, 15), Formative), HashOf(Replace(Formative, 15, reason: "another"), Formative));
        Assert.NotEqual(HashOf(Replace(Formative, 15), Formative), HashOf(Voiding(Formative), Formative));
        var a = Replace(RollCall, absentees: [new Absentee("S1", "late"), new Absentee("S2", "sick")]);
        var b = Replace(RollCall, absentees: [new Absentee("S2", "sick"), new Absentee("S1", "late")]);
        var c = Replace(RollCall, absentees: [new Absentee("S2", "late"), new Absentee("S1", "sick")]);
        Assert.Equal(HashOf(a, RollCall), HashOf(b, RollCall));
        Assert.NotEqual(HashOf(a, RollCall), HashOf(c, RollCall));
    }

    [Fact]
    public void The_problem_arguments_name_the_bounds()
    {
        string[] ArgumentsOf(ProposedCorrection c, JournalRow original) =>
            Assert.Single(CorrectionValidator.Validate(c, original, RulesOf(), Teacher, Limits).Problems).Arguments.ToArray();
        Assert.Equal(["1", "20"], ArgumentsOf(Replace(Formative, 21), Formative));
        Assert.Equal(["20"], ArgumentsOf(Replace(Formative, 9, 10), Formative));
        Assert.Equal(["0", "20"], ArgumentsOf(Replace(Section, 21), Section));
        Assert.Equal(["1", "3"], ArgumentsOf(Replace(Development, 4), Development));
        Assert.Equal(["500"], ArgumentsOf(Replace(Formative, 9, reason: new string('r', 501)), Formative));
        Assert.Equal(["delete"], ArgumentsOf(Replace(Formative, 9) with { Action = "delete" }, Formative));
        Assert.Equal(["о"], ArgumentsOf(Replace(RollCall, absentees: [new Absentee("S1", "о")]), RollCall));
    }
}
