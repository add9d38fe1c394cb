using System.Globalization;
using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// What a breakdown splits a node's figures by, one dimension at a time (issue 19, item 1): never a cross-product, which
/// would multiply the roll-up's payload by the product of the dimensions' sizes.
/// </summary>
public enum BreakdownDimension
{
    /// <summary>Urban or rural: the organization's <c>is_rural</c>.</summary>
    Locality,
    /// <summary>The class's language of instruction (not the organization's list of languages).</summary>
    Language,
    /// <summary>The organization's registry kind: school, college, preschool, additional.</summary>
    Kind,
    /// <summary>The kind of node the organization is attached to: district, region or republic (NIS and other republican schools).</summary>
    Subordination,
    /// <summary>The class's grade, 0–12.</summary>
    Grade,
    /// <summary>Each pupil's sex, from the IIN's seventh digit.</summary>
    Sex,
}

/// <summary>Where a class or an organization falls in each dimension but <see cref="BreakdownDimension.Sex"/> (a class: all five; an organization: the three of its own).</summary>
public sealed record BreakdownPlace(string OrganizationKind, bool IsRural, NodeKind Subordination, string? Language = null, int? Grade = null);

/// <summary>One slice of a node's breakdown: a dimension's value in a term (<see cref="SummaryKey.Year"/> for the year), over all subjects.</summary>
public readonly record struct BreakdownKey(BreakdownDimension Dimension, string Value, int Term);

/// <summary>The rules of breakdowns: the dimensions' names and values, and which figures each one carries. Pure.</summary>
public static class Breakdown
{
    public static IReadOnlyList<BreakdownDimension> Dimensions { get; } = Enum.GetValues<BreakdownDimension>();

    /// <summary>The wire name of a dimension ("locality", …).</summary>
    public static string NameOf(BreakdownDimension dimension) => dimension.ToString().ToLowerInvariant();

    /// <summary>Exactly one of the lowercase names: "Locality", "0" or " sex" name nothing.</summary>
    public static BreakdownDimension? Parse(string? name) =>
        Dimensions.Select(d => (BreakdownDimension?)d).FirstOrDefault(d => NameOf(d!.Value) == name);

    /// <summary>A place's value in each dimension it has, in the order of <see cref="Dimensions"/>.</summary>
    public static IReadOnlyList<(BreakdownDimension Dimension, string Value)> ValuesOf(BreakdownPlace place)
    {
        var values = new List<(BreakdownDimension, string)> { (BreakdownDimension.Locality, LocalityOf(place.IsRural)) };
        if (place.Language is { } language)
        {
            values.Add((BreakdownDimension.Language, language));
        }
        values.Add((BreakdownDimension.Kind, place.OrganizationKind));
        values.Add((BreakdownDimension.Subordination, place.Subordination.ToString().ToLowerInvariant()));
        if (place.Grade is { } grade)
        {
            values.Add((BreakdownDimension.Grade, grade.ToString(CultureInfo.InvariantCulture)));
        }
        return values;
    }

    /// <summary>A class's place: its organization's kind, locality and subordination, its language and grade.</summary>
    public static BreakdownPlace PlaceOf(ClassRecord cls) => new(cls.OrganizationKind, cls.IsRural, cls.Subordination, cls.Language, cls.Grade);

    /// <summary>
    /// Where a value stands among its dimension's values when listed: grades by number; urban before rural; boys before
    /// girls; republic, region, district; kinds and languages in the registry's order; anything else after them.
    /// </summary>
    public static int RankOf(BreakdownDimension dimension, string value)
    {
        var known = dimension switch
        {
            BreakdownDimension.Locality => ["urban", "rural"],
            BreakdownDimension.Kind => Enum.GetValues<OrganizationKind>().Select(OrganizationKinds.NameOf).ToList(),
            BreakdownDimension.Subordination => ["republic", "region", "district"],
            BreakdownDimension.Sex => ["male", "female"],
            BreakdownDimension.Language => OrganizationProfileValidator.LanguageCodes,
            _ => (IReadOnlyList<string>)[],
        };
        if (dimension == BreakdownDimension.Grade)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var grade) ? grade : int.MaxValue;
        }
        var rank = known.ToList().IndexOf(value);
        return rank < 0 ? int.MaxValue : rank;
    }

    public static string LocalityOf(bool isRural) => isRural ? "rural" : "urban";

    public static string ValueOf(PupilSex sex) => sex == PupilSex.Male ? "male" : "female";

    /// <summary>
    /// The part of a node's figures a dimension splits, so that the slices of a dimension sum to exactly this part of the
    /// node's cell: an organization-level dimension (locality, kind, subordination) carries every figure; a class-level
    /// one (language, grade) every figure but <see cref="SummaryFigures.Organizations"/> (an organization has classes of
    /// several languages and grades); sex only the figures attributable to pupils (<see cref="Pupils"/>).
    /// </summary>
    public static SummaryFigures Carried(BreakdownDimension dimension, SummaryFigures f) => dimension switch
    {
        BreakdownDimension.Locality or BreakdownDimension.Kind or BreakdownDimension.Subordination => f,
        BreakdownDimension.Language or BreakdownDimension.Grade => f with { Organizations = 0 },
        _ => Pupils(f),
    };

    /// <summary>
    /// The figures that belong to pupils one by one: headcounts, their lesson-seats (attended, late, absent by code) and
    /// full days missed, and their term results (marks, н/а, pending, and the per-student success and quality). Counts of
    /// classes, organizations, lessons, recorded marks and their sums, and development levels (recorded marks) are the
    /// records', not a pupil's: zero.
    /// </summary>
    public static SummaryFigures Pupils(SummaryFigures f) => new()
    {
        Students = f.Students,
        SchoolStudents = f.SchoolStudents,
        CollegeStudents = f.CollegeStudents,
        PreschoolChildren = f.PreschoolChildren,
        SeatsHeld = f.SeatsHeld,
        Attended = f.Attended,
        Late = f.Late,
        AbsentUnexcused = f.AbsentUnexcused,
        AbsentExcused = f.AbsentExcused,
        AbsentSick = f.AbsentSick,
        SchoolSeatsHeld = f.SchoolSeatsHeld,
        SchoolAttended = f.SchoolAttended,
        CollegeSeatsHeld = f.CollegeSeatsHeld,
        CollegeAttended = f.CollegeAttended,
        PreschoolSeatsHeld = f.PreschoolSeatsHeld,
        PreschoolAttended = f.PreschoolAttended,
        FullDaysMissed = f.FullDaysMissed,
        TermMarks2 = f.TermMarks2,
        TermMarks3 = f.TermMarks3,
        TermMarks4 = f.TermMarks4,
        TermMarks5 = f.TermMarks5,
        TermMarkSum = f.TermMarkSum,
        TermPercentSum = f.TermPercentSum,
        TermResults = f.TermResults,
        NotAttested = f.NotAttested,
        PendingResults = f.PendingResults,
        StudentsAssessed = f.StudentsAssessed,
        StudentsSucceeding = f.StudentsSucceeding,
        StudentsQualified = f.StudentsQualified,
        StudentsExcellent = f.StudentsExcellent,
        StudentsWithOneThree = f.StudentsWithOneThree,
        StudentsFailing = f.StudentsFailing,
        StudentsNotAttested = f.StudentsNotAttested,
        GpaHundredthsSum = f.GpaHundredthsSum,
        CollegeResults = f.CollegeResults,
        CollegePercentSum = f.CollegePercentSum,
        CollegeNotAttested = f.CollegeNotAttested,
        CollegeStudentsAssessed = f.CollegeStudentsAssessed,
        CollegeStudentsSucceeding = f.CollegeStudentsSucceeding,
        CollegeStudentsQualified = f.CollegeStudentsQualified,
    };

    /// <summary>
    /// A class's slices: in each dimension of its place, its one value takes the whole all-subjects cell of every term
    /// and the year (as far as the dimension carries it); sex takes each sex's share from <paramref name="pupils"/>.
    /// Per term and the year only, never per subject: that would multiply the payload by the subjects.
    /// </summary>
    /// <param name="cells">The class's cells with the year's total under <see cref="SummaryKey.Total"/>.</param>
    public static Dictionary<BreakdownKey, SummaryFigures> OfClass(BreakdownPlace place, IReadOnlyDictionary<SummaryKey, SummaryFigures> cells,
        IReadOnlyDictionary<(int Term, PupilSex Sex), SummaryFigures> pupils)
    {
        var slices = new Dictionary<BreakdownKey, SummaryFigures>();
        foreach (var (key, figures) in cells.Where(c => c.Key.SubjectId == SummaryKey.AllSubjects))
        {
            foreach (var (dimension, value) in ValuesOf(place))
            {
                slices[new BreakdownKey(dimension, value, key.Term)] = Carried(dimension, figures);
            }
        }
        foreach (var ((term, sex), figures) in pupils.Where(p => p.Value != SummaryFigures.Zero))
        {
            slices[new BreakdownKey(BreakdownDimension.Sex, ValueOf(sex), term)] = figures;
        }
        return slices;
    }

    /// <summary>
    /// What a node counts itself (an organization: one organization) added to its slices, in each term given (those its
    /// cells have) and the year: in its place's value of each dimension that carries it.
    /// </summary>
    public static void AddOwn(Dictionary<BreakdownKey, SummaryFigures> slices, BreakdownPlace place, SummaryFigures own, IEnumerable<int> terms)
    {
        foreach (var term in terms.Append(SummaryKey.Year).Distinct())
        {
            foreach (var (dimension, value) in ValuesOf(place))
            {
                if (Carried(dimension, own) is var carried && carried != SummaryFigures.Zero)
                {
                    var key = new BreakdownKey(dimension, value, term);
                    slices[key] = (slices.GetValueOrDefault(key) ?? SummaryFigures.Zero) + carried;
                }
            }
        }
    }
}
