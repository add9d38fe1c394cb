using EduInfo.Domain.Journal;
using EduInfo.Domain.YearEnd;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// The pedagogical council's decisions (issue 20) for the journal world's class: S1 is proposed "promoted", S3
/// "promotedConditionally", S4's examinations are not all written (nothing proposed).
/// </summary>
public sealed class CouncilValidatorTests
{
    private static readonly FinalAttestationPolicy Policy = new();

    private static readonly Dictionary<string, CouncilDecision?> Proposed = new()
    {
        ["S1"] = CouncilDecision.Promoted, ["S3"] = CouncilDecision.PromotedConditionally, ["S4"] = null,
    };

    private static ClassRules Grade(int grade) => new(Class with
    {
        Grade = grade, Enrolments = [.. Class.Enrolments, new("S3", D("2026-09-01"), null), new("S4", D("2026-09-01"), null)],
    }, new EduInfo.Domain.Calendar.SchoolCalendar(Quarters), Policies, new HashSet<int> { 1 });

    private static ProposedCouncil Council(params ProposedCouncilDecision?[] decisions) => new(decisions);

    private static ProposedCouncilDecision D1(string? student, string? decision, string? reason = null) => new(student, decision, reason);

    public static TheoryData<string, JournalWriter, int, ProposedCouncil, string[]> Cases => new()
    {
        { "the defaults, no reason needed", Head, 7, Council(D1("S1", "promoted"), D1("S3", "promotedConditionally")), [] },
        { "a departure with the council's reason", Head, 7, Council(D1("S3", "repeatsYear", "Protocol No. 4: two re-examinations failed last year")), [] },
        { "leaving the school, with a reason", Head, 7, Council(D1("S1", "leftSchool", "Moved to Almaty")), [] },
        { "a pupil with an exam pending, decided with a reason", Head, 7, Council(D1("S4", "repeatsYear", "Protocol No. 4")), [] },
        { "graduated in grade 11 against the default (promoted), with a reason", Head, 11, Council(D1("S1", "graduated", "Protocol No. 9")), [] },

        { "a teacher", Teacher, 7, Council(D1("S1", "promoted")), ["decisions:NotAllowed"] },
        { "the head of another school", OtherHead, 7, Council(D1("S1", "promoted")), ["decisions:NotAllowed"] },
        { "no decisions", Head, 7, new ProposedCouncil([]), ["decisions:Required"] },
        { "decisions missing", Head, 7, new ProposedCouncil(null), ["decisions:Required"] },
        { "a null decision", Head, 7, Council(D1("S1", "promoted"), null), ["decisions[1]:Required"] },
        { "a departure without a reason", Head, 7, Council(D1("S1", "repeatsYear")), ["decisions[0].reason:ReasonRequired"] },
        { "leaving without a reason", Head, 7, Council(D1("S1", "leftSchool")), ["decisions[0].reason:ReasonRequired"] },
        { "a reason with a bidi override", Head, 7, Council(D1("S1", "promoted", "ok\u202E")), ["decisions[0].reason:ReasonTooLong"] },
        { "an unknown decision", Head, 7, Council(D1("S1", "expelled")), ["decisions[0].decision:CouncilDecisionUnknown"] },
        { "a decision by number", Head, 7, Council(D1("S1", "0")), ["decisions[0].decision:CouncilDecisionUnknown"] },
        { "no decision", Head, 7, Council(D1("S1", null)), ["decisions[0].decision:Required"] },
        { "graduating in grade 7", Head, 7, Council(D1("S1", "graduated", "why not")), ["decisions[0].decision:CouncilCannotGraduate"] },
        { "graduating with an exam pending", Head, 11, Council(D1("S4", "graduated", "why not")), ["decisions[0].decision:CouncilCannotGraduate"] },
        { "a pupil who left", Head, 7, Council(D1("S2", "promoted")), ["decisions[0].studentId:StudentNotInClass"] },
        { "a pupil twice", Head, 7, Council(D1("S1", "promoted"), D1("S1", "promoted")), ["decisions[1].studentId:StudentRepeated"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_decision(string why, JournalWriter writer, int grade, ProposedCouncil council, string[] expected)
    {
        var result = CouncilValidator.Validate(council, Grade(grade), writer, Policy, Proposed, Today);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void A_default_keeps_no_reason_and_a_departure_keeps_the_trimmed_one()
    {
        var row = CouncilValidator.Validate(Council(D1("S1", "promoted", "  "), D1("S3", "repeatsYear", "  Protocol No. 4  ")), Grade(7), Head, Policy, Proposed, Today).Row!;
        Assert.Equal([("S1", CouncilDecision.Promoted, (string?)null), ("S3", CouncilDecision.RepeatsYear, "Protocol No. 4")], row.Decisions);
    }
}
