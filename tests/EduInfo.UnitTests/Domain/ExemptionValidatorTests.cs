using EduInfo.Domain.Journal;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

/// <summary>A head's exemption of a pupil from a subject (issue 20), field by field, on the journal world (term 1 closed, term 2 running).</summary>
public sealed class ExemptionValidatorTests
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000e2");

    private static ProposedExemption Exemption(string? student = "S1", string? subject = "MAT", int? term = 2, string? ground = "medical",
        string? reason = "Medical board conclusion") => new(Id, student, subject, term, ground, reason);

    public static TheoryData<string, JournalWriter, ProposedExemption, string[]> Cases => new()
    {
        { "the head exempts for the running term", Head, Exemption(), [] },
        { "for a term not begun yet (decided ahead)", Head, Exemption(term: 3), [] },
        { "for the whole year", Head, Exemption(term: null), [] },
        { "an individual plan", Head, Exemption(ground: "individualPlan"), [] },
        { "home schooling", Head, Exemption(ground: "homeSchooling"), [] },
        { "a district head", DistrictHead, Exemption(), [] },
        { "a subject taught to a subgroup", Head, Exemption(subject: "PHY"), [] },

        { "a teacher", Teacher, Exemption(), ["studentId:NotAllowed"] },
        { "the head of another school", OtherHead, Exemption(), ["studentId:NotAllowed"] },

        { "no entry id", Head, Exemption() with { EntryId = null }, ["entryId:Required"] },
        { "no student", Head, Exemption(student: null), ["studentId:Required"] },
        { "a student of another class", Head, Exemption(student: "S9"), ["studentId:StudentNotInClass"] },
        { "no subject", Head, Exemption(subject: ""), ["subjectId:Required"] },
        { "a subject not taught to the class", Head, Exemption(subject: "BIO"), ["subjectId:SubjectUnknown"] },
        { "no ground", Head, Exemption(ground: null), ["ground:Required"] },
        { "an unknown ground", Head, Exemption(ground: "laziness"), ["ground:ExemptionGroundUnknown"] },
        { "a ground by number", Head, Exemption(ground: "0"), ["ground:ExemptionGroundUnknown"] },
        { "a ground in another case", Head, Exemption(ground: "Medical"), ["ground:ExemptionGroundUnknown"] },
        { "no reason", Head, Exemption(reason: null), ["reason:ReasonRequired"] },
        { "a reason of 501 characters", Head, Exemption(reason: new string('r', 501)), ["reason:ReasonTooLong"] },
        { "a reason with a bidi override", Head, Exemption(reason: "ill\u202E"), ["reason:ReasonTooLong"] },
        { "term 0", Head, Exemption(term: 0), ["term:TermUnknown"] },
        { "an unknown term", Head, Exemption(term: 9), ["term:TermUnknown"] },
        { "a closed term", Head, Exemption(term: 1), ["term:TermClosed"] },
        { "everything missing", Head, new ProposedExemption(null, null, null, 2, null, null),
            ["entryId:Required", "studentId:Required", "subjectId:Required", "ground:Required", "reason:ReasonRequired"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_exemption(string why, JournalWriter writer, ProposedExemption exemption, string[] expected)
    {
        var result = ExemptionValidator.Validate(exemption, RulesOf(), writer);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void The_year_is_refused_once_its_last_term_is_closed_and_nothing_without_a_calendar()
    {
        AssertProblems("the year closed", ["term:TermClosed"], ExemptionValidator.Validate(Exemption(term: null), RulesOf(closed: new HashSet<int> { 1, 2, 3, 4 }), Head).Problems);
        AssertProblems("no calendar", ["term:CalendarMissing"], ExemptionValidator.Validate(Exemption(), RulesOf(noCalendar: true), Head).Problems);
    }

    [Fact]
    public void A_term_is_dated_on_its_first_day_and_the_year_on_the_first_terms()
    {
        var term = ExemptionValidator.Validate(Exemption(reason: "  board  "), RulesOf(), Head).Row!;
        Assert.Equal((Id, "S1", "MAT", D("2026-11-02"), false, ExemptionGround.Medical, "board"),
            (term.EntryId, term.StudentId, term.SubjectId, term.Date, term.WholeYear, term.Ground, term.Reason));
        var year = ExemptionValidator.Validate(Exemption(term: null, ground: "homeSchooling"), RulesOf(), Head).Row!;
        Assert.Equal((D("2026-09-01"), true, ExemptionGround.HomeSchooling), (year.Date, year.WholeYear, year.Ground));
    }

    [Fact]
    public void The_payload_hash_tells_a_term_from_the_year_and_one_ground_from_another()
    {
        byte[] HashOf(ProposedExemption e) => ExemptionValidator.Validate(e, RulesOf(), Head).Row!.PayloadHash;
        Assert.Equal(HashOf(Exemption()), HashOf(Exemption()));
        Assert.NotEqual(HashOf(Exemption()), HashOf(Exemption(term: null)));
        Assert.NotEqual(HashOf(Exemption()), HashOf(Exemption(ground: "individualPlan")));
        Assert.NotEqual(HashOf(Exemption()), HashOf(Exemption(reason: "another")));
    }
}
