using EduInfo.Api.Contracts;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Rules;

/// <summary>The breakdowns' pure rules: names, values, order, and what each dimension carries.</summary>
public sealed class BreakdownTests
{
    [Theory]
    [InlineData("locality", BreakdownDimension.Locality)]
    [InlineData("language", BreakdownDimension.Language)]
    [InlineData("kind", BreakdownDimension.Kind)]
    [InlineData("subordination", BreakdownDimension.Subordination)]
    [InlineData("grade", BreakdownDimension.Grade)]
    [InlineData("sex", BreakdownDimension.Sex)]
    [InlineData("Sex", null)]
    [InlineData(" sex", null)]
    [InlineData("0", null)]
    [InlineData("5", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_dimension_is_named_only_by_its_lowercase_name(string? name, BreakdownDimension? expected) =>
        Assert.Equal(expected, Breakdown.Parse(name));

    [Theory]
    [InlineData("sex", null, BreakdownDimension.Sex, 0, "")]
    [InlineData("grade", "year", BreakdownDimension.Grade, 0, "")]
    [InlineData("kind", "3", BreakdownDimension.Kind, 3, "")]
    [InlineData("kind", "6", BreakdownDimension.Kind, 6, "")]
    [InlineData("kind", "0", null, 0, "term:termOutOfRange")]
    [InlineData("kind", "7", null, 0, "term:termOutOfRange")]
    [InlineData("kind", "+1", null, 0, "term:termOutOfRange")]
    [InlineData("kind", "Year", null, 0, "term:termOutOfRange")]
    [InlineData(null, "1", null, 0, "dimension:required")]
    [InlineData("gender", "x", null, 0, "dimension:dimensionUnknown term:termOutOfRange")]
    public void A_breakdown_query_names_a_dimension_and_a_term_or_the_year(string? dimension, string? term, BreakdownDimension? expected, int expectedTerm, string problems)
    {
        var found = new List<(string Field, string Code)>();
        var query = BreakdownQuery.Parse(dimension, term, found);

        Assert.Equal(problems, string.Join(' ', found.Select(p => $"{p.Field}:{p.Code}")));
        Assert.Equal(expected is null ? null : new BreakdownQuery(expected.Value, expectedTerm), query);
    }

    [Theory]
    [InlineData(BreakdownDimension.Locality, "urban,rural")]
    [InlineData(BreakdownDimension.Grade, "0,1,2,9,10,11,12")]
    [InlineData(BreakdownDimension.Sex, "male,female")]
    [InlineData(BreakdownDimension.Subordination, "republic,region,district")]
    [InlineData(BreakdownDimension.Kind, "preschool,school,college,additional")]
    [InlineData(BreakdownDimension.Language, "kk,ru,en,uz")]
    public void Values_are_listed_in_their_dimensions_order(BreakdownDimension dimension, string ordered)
    {
        var values = ordered.Split(',');
        Assert.Equal(values, values.Reverse().OrderBy(v => Breakdown.RankOf(dimension, v)));
    }

    [Fact]
    public void A_place_has_one_value_per_dimension_an_organization_only_its_own_three()
    {
        Assert.Equal(
            [(BreakdownDimension.Locality, "urban"), (BreakdownDimension.Language, "kk"), (BreakdownDimension.Kind, "college"),
             (BreakdownDimension.Subordination, "region"), (BreakdownDimension.Grade, "0")],
            Breakdown.ValuesOf(new BreakdownPlace("college", false, NodeKind.Region, "kk", 0)));
        Assert.Equal(
            [(BreakdownDimension.Locality, "rural"), (BreakdownDimension.Kind, "school"), (BreakdownDimension.Subordination, "republic")],
            Breakdown.ValuesOf(new BreakdownPlace("school", true, NodeKind.Republic)));
    }

    private static readonly SummaryFigures Everything = new()
    {
        Students = 10, Classes = 1, Organizations = 1, Marks = 40, FormativeMarks = 30, FormativeScoreSum = 240, FormativeMaxSum = 300,
        SummativeMarks = 10, LessonsHeld = 5, SeatsHeld = 50, Attended = 45, Late = 2, AbsentSick = 5, FullDaysMissed = 1,
        TermResults = 20, TermMarks4 = 20, TermMarkSum = 80, StudentsAssessed = 10, StudentsQualified = 10, StudentsSucceeding = 10,
        LessonsScheduled = 6, TimetabledLessonsHeld = 5, DevelopmentLevel2 = 3, SchoolStudents = 10, SchoolSeatsHeld = 50, SchoolAttended = 45,
    };

    public static TheoryData<BreakdownDimension, SummaryFigures> CarriedFigures => new()
    {
        { BreakdownDimension.Locality, Everything },
        { BreakdownDimension.Kind, Everything },
        { BreakdownDimension.Subordination, Everything },
        { BreakdownDimension.Language, Everything with { Organizations = 0 } },
        { BreakdownDimension.Grade, Everything with { Organizations = 0 } },
        {
            BreakdownDimension.Sex, new SummaryFigures
            {
                Students = 10, SeatsHeld = 50, Attended = 45, Late = 2, AbsentSick = 5, FullDaysMissed = 1, TermResults = 20, TermMarks4 = 20,
                TermMarkSum = 80, StudentsAssessed = 10, StudentsQualified = 10, StudentsSucceeding = 10, SchoolStudents = 10, SchoolSeatsHeld = 50,
                SchoolAttended = 45,
            }
        },
    };

    [Theory]
    [MemberData(nameof(CarriedFigures))]
    public void Each_dimension_carries_its_figures(BreakdownDimension dimension, SummaryFigures expected) =>
        Assert.Equal(expected, Breakdown.Carried(dimension, Everything));

    [Fact]
    public void An_organization_counts_itself_in_its_own_values_in_the_year_and_the_terms_given()
    {
        var slices = new Dictionary<BreakdownKey, SummaryFigures> { [new(BreakdownDimension.Locality, "rural", 1)] = new() { Students = 5 } };

        Breakdown.AddOwn(slices, new BreakdownPlace("school", true, NodeKind.District), new SummaryFigures { Organizations = 1 }, [1, 1]);

        var one = new SummaryFigures { Organizations = 1 };
        Assert.Equal(new Dictionary<BreakdownKey, SummaryFigures>
        {
            [new(BreakdownDimension.Locality, "rural", 1)] = new() { Students = 5, Organizations = 1 },
            [new(BreakdownDimension.Kind, "school", 1)] = one,
            [new(BreakdownDimension.Subordination, "district", 1)] = one,
            [new(BreakdownDimension.Locality, "rural", 0)] = one,
            [new(BreakdownDimension.Kind, "school", 0)] = one,
            [new(BreakdownDimension.Subordination, "district", 0)] = one,
        }, slices);
    }

    [Theory]
    [InlineData(BreakdownDimension.Locality, "rural", "ru", "Село")]
    [InlineData(BreakdownDimension.Sex, "male", "kk", "Ұлдар")]
    [InlineData(BreakdownDimension.Sex, "female", "en", "Girls")]
    [InlineData(BreakdownDimension.Grade, "7", "ru", "7 класс")]
    [InlineData(BreakdownDimension.Grade, "0", "en", "Pre-school class")]
    [InlineData(BreakdownDimension.Language, "uz", "kk", "Өзбек тілі")]
    [InlineData(BreakdownDimension.Language, "xx", "ru", "xx")]
    [InlineData(BreakdownDimension.Subordination, "republic", "ru", "Республиканское")]
    [InlineData(BreakdownDimension.Kind, "additional", "en", "Additional education")]
    public void Values_are_labelled_in_the_readers_language(BreakdownDimension dimension, string value, string language, string label) =>
        Assert.Equal(label, BreakdownRow.LabelOf(dimension, value, language));
}
