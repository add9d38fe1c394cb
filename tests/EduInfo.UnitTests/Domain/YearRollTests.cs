using EduInfo.Domain.YearEnd;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// The year roll's plan (issue 20): school S has 5А, 5Б, 9А and 11А, school T has 10А. Every class goes one grade up
/// (the final grade none), pupils move as the council decided, repeaters get a class of their grade when none rolls into it.
/// </summary>
public sealed class YearRollTests
{
    private static readonly FinalAttestationPolicy Policy = new();

    private static readonly IReadOnlyList<RollingClass> Classes =
    [
        new("S5A", "S", 5, "А", "kk"), new("S5B", "S", 5, "Б", "ru"), new("S9A", "S", 9, "А", "kk"), new("S11A", "S", 11, "А", "kk"), new("T10A", "T", 10, "А", "ru"),
    ];

    private static RollingPupil P(string student, string cls, CouncilDecision? decided) => new(student, cls, decided);

    public static TheoryData<string, RollingPupil, string?> Moves => new()
    {
        { "promoted: one grade up, same letter", P("p1", "S5B", CouncilDecision.Promoted), "S-2027-06-2" },
        { "promoted conditionally: up as well", P("p2", "S5A", CouncilDecision.PromotedConditionally), "S-2027-06-1" },
        { "repeats grade 5: the new 5А (no 4А rolls into it)", P("p3", "S5A", CouncilDecision.RepeatsYear), "S-2027-05-1" },
        { "repeats grade 10 in T: the roll of nothing, made", P("p4", "T10A", CouncilDecision.RepeatsYear), "T-2027-10-1" },
        { "grade 9 promoted: grade 10", P("p5", "S9A", CouncilDecision.Promoted), "S-2027-10-1" },
        { "grade 9 left for a college: out", P("p6", "S9A", CouncilDecision.LeftSchool), null },
        { "grade 11 graduated: out", P("p7", "S11A", CouncilDecision.Graduated), null },
        { "grade 11 repeats: the new 11А", P("p8", "S11A", CouncilDecision.RepeatsYear), "S-2027-11-1" },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Moves_each_pupil_as_the_council_decided(string why, RollingPupil pupil, string? expected)
    {
        var plan = YearRoll.Plan("2026-2027", Classes, [pupil], Policy);
        Assert.True(plan.CanRoll, why);
        Assert.Equal(expected, plan.Moves.Single().ToClassId);
        if (expected is not null)
        {
            Assert.Contains(plan.Classes, c => c.ClassId == expected);
        }
    }

    [Fact]
    public void Every_class_rolls_one_grade_up_with_its_letter_and_language_and_the_final_grade_ends()
    {
        var plan = YearRoll.Plan("2026-2027", Classes, [], Policy);
        Assert.Equal("2027-2028", plan.NextYear);
        Assert.Equal(["S-2027-06-1:6А:kk", "S-2027-06-2:6Б:ru", "S-2027-10-1:10А:kk", "T-2027-11-1:11А:ru"],
            plan.Classes.Select(c => $"{c.ClassId}:{c.Grade}{c.Letter}:{c.Language}"));
        // The same plan however often it is made: ids come from school, year, grade and letter.
        Assert.Equal(plan.Classes, YearRoll.Plan("2026-2027", [.. Classes.Reverse()], [], Policy).Classes);
    }

    [Fact]
    public void A_pupil_without_a_decision_stops_the_roll()
    {
        var plan = YearRoll.Plan("2026-2027", Classes, [P("p1", "S5A", CouncilDecision.Promoted), P("p2", "S5B", null)], Policy);
        Assert.False(plan.CanRoll);
        Assert.Equal(["p2"], plan.Undecided.Select(p => p.StudentId));
    }
}
