using EduInfo.Domain.Ratings;

namespace EduInfo.UnitTests.Rules;

/// <summary>The rating methodology as data (issue 21): checking an operator's version, and the version in force.</summary>
public sealed class RatingMethodologiesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly RatingMethodology Next = RatingMethodologies.Default with { EffectiveFrom = new DateOnly(2027, 9, 1) };

    private static RatingMethodology Indicators(params (string? Indicator, int? Weight)[] w) =>
        Next with { Indicators = [.. w.Select(x => new IndicatorWeight(x.Indicator, x.Weight))] };

    public static TheoryData<string, RatingMethodology, string[]> ValidateCases => new()
    {
        { "the default from a future date", Next, [] },
        { "effective today", Next with { EffectiveFrom = Today }, ["effectiveFrom:PolicyInForce"] },
        { "the stored default, in force", RatingMethodologies.Default, ["effectiveFrom:PolicyInForce"] },
        { "no date", Next with { EffectiveFrom = null }, ["effectiveFrom:Required"] },
        { "one indicator", Indicators(("attendance", 1)), [] },
        { "weight 100", Indicators(("attendance", 100)), [] },
        { "weight 0", Indicators(("attendance", 0)), ["indicators:RatingIndicatorsInvalid"] },
        { "weight 101", Indicators(("attendance", 101)), ["indicators:RatingIndicatorsInvalid"] },
        { "no weight", Indicators(("attendance", null)), ["indicators:RatingIndicatorsInvalid"] },
        { "an indicator twice", Indicators(("attendance", 1), ("attendance", 2)), ["indicators:RatingIndicatorsInvalid"] },
        { "an unknown indicator", Indicators(("happiness", 1)), ["indicators:RatingIndicatorsInvalid"] },
        { "an indicator in capitals", Indicators(("Attendance", 1)), ["indicators:RatingIndicatorsInvalid"] },
        { "no indicators", Next with { Indicators = [] }, ["indicators:RatingIndicatorsInvalid"] },
        { "a null indicator", Next with { Indicators = [null] }, ["indicators:RatingIndicatorsInvalid"] },
        { "minimum 9 (below the small-cell threshold)", Next with { MinimumStudents = 9 }, ["minimumStudents:AttestationValueOutOfRange"] },
        { "minimum 10", Next with { MinimumStudents = 10 }, [] },
        { "no minimum", Next with { MinimumStudents = null }, ["minimumStudents:AttestationValueOutOfRange"] },
        { "no note", Next with { Note = null }, ["note.kk:RatingNoteInvalid", "note.ru:RatingNoteInvalid", "note.en:RatingNoteInvalid"] },
        { "a note without Kazakh", Next with { Note = Next.Note! with { Kk = " " } }, ["note.kk:RatingNoteInvalid"] },
        { "a right-to-left override in the note", Next with { Note = Next.Note! with { Ru = "Рейтинг \u202Eналсо" } }, ["note.ru:RatingNoteInvalid"] },
        { "a note of 1001 characters", Next with { Note = Next.Note! with { En = new string('a', 1001) } }, ["note.en:RatingNoteInvalid"] },
        { "markup in a note is text", Next with { Note = Next.Note! with { En = "<b>bold</b> & <script>" } }, [] },
    };

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_reports_each_problem_by_field_and_code(string why, RatingMethodology methodology, string[] expected)
    {
        var actual = RatingMethodologies.Validate(methodology, Today).Select(p => $"{p.Field}:{p.Error}").ToList();
        Assert.True(expected.SequenceEqual(actual), $"{why}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void The_version_in_force_is_the_latest_valid_one_begun()
    {
        RatingMethodology[] versions = [RatingMethodologies.Default, Next with { MinimumStudents = 50 }, Next with { EffectiveFrom = new DateOnly(2028, 9, 1), Indicators = [] }];
        Assert.Equal(30, RatingMethodologies.InForce(versions, new DateOnly(2027, 8, 31)).MinimumStudents);
        Assert.Equal(50, RatingMethodologies.InForce(versions, new DateOnly(2027, 9, 1)).MinimumStudents);
        Assert.Equal(50, RatingMethodologies.InForce(versions, new DateOnly(2029, 1, 1)).MinimumStudents); // the invalid 2028 version is skipped
        Assert.Equal(RatingMethodologies.Default, RatingMethodologies.InForce([], Today));
    }
}
