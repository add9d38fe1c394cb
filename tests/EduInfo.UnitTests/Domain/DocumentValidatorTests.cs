using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Domain.YearEnd;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// Issuing education documents (issue 20) in the journal world's class as a grade 9: S1 earned the certificate with
/// distinction and was promoted; S3 earned it, the council not yet decided; S4 earned nothing; S5 earned it but the
/// council kept them back (repeats the year, with a reason); S6 earned it and left the school; S7 has no final mark in Kazakh.
/// </summary>
public sealed class DocumentValidatorTests
{
    private static readonly IReadOnlyList<FinalMark> Finals =
        [new("KAZ", 5, FinalMarkSource.Combined, false), new("MAT", 5, FinalMarkSource.Annual, false), new("PE", null, FinalMarkSource.Exempt, false)];

    private static readonly Dictionary<string, DocumentEntitlement> Entitled = new()
    {
        ["S1"] = new(EducationDocumentKind.BasicSecondaryCertificate, true, CouncilDecision.Promoted, Finals),
        ["S3"] = new(EducationDocumentKind.BasicSecondaryCertificate, false, null, Finals),
        ["S4"] = new(null, false, CouncilDecision.PromotedConditionally, Finals),
        ["S5"] = new(EducationDocumentKind.BasicSecondaryCertificate, false, CouncilDecision.RepeatsYear, Finals),
        ["S6"] = new(EducationDocumentKind.BasicSecondaryCertificate, false, CouncilDecision.LeftSchool, Finals),
        ["S7"] = new(EducationDocumentKind.BasicSecondaryCertificate, false, CouncilDecision.Promoted, [Finals[1]]),
    };

    private static readonly ClassRules Grade9 = new(Class with
    {
        Grade = 9, Enrolments = [.. Class.Enrolments, .. new[] { "S3", "S4", "S5", "S6", "S7" }.Select(s => new Enrolment(s, D("2026-09-01"), null))],
    }, new EduInfo.Domain.Calendar.SchoolCalendar(Quarters), Policies, new HashSet<int> { 1 });

    private static ProposedDocument Doc(string? student = "S1", string? series = "ЖОБ", string? number = "0012345", string? on = "2026-11-27") =>
        new(student, series, number, on is null ? null : D(on));

    public static TheoryData<string, JournalWriter, ProposedDocument, string[]> Cases => new()
    {
        { "a certificate earned, the council's promotion recorded", Head, Doc(), [] },
        { "a pupil who left the school with the certificate", Head, Doc("S6"), [] },
        { "a Latin series, lower case", Head, Doc(series: " ab "), [] },
        { "a Kazakh series", Head, Doc(series: "ҚҰ"), [] },
        { "issued on the first day of the year", Head, Doc(on: "2026-09-01"), [] },

        { "a teacher", Teacher, Doc(), ["studentId:NotAllowed"] },
        { "the head of another school", OtherHead, Doc(), ["studentId:NotAllowed"] },
        { "no pupil", Head, Doc(student: null), ["studentId:Required"] },
        { "a pupil who left the class", Head, Doc("S2"), ["studentId:StudentNotInClass"] },
        { "a pupil of another class", Head, Doc("S9"), ["studentId:StudentNotInClass"] },
        { "the council not yet decided", Head, Doc("S3"), ["studentId:CouncilNotRecorded"] },
        { "nothing earned", Head, Doc("S4"), ["studentId:DocumentNotEarned"] },
        { "earned, but the council kept the pupil back", Head, Doc("S5"), ["studentId:DocumentNotEarned"] },
        { "a subject taught without a final mark", Head, Doc("S7"), ["studentId:DocumentMarksMissing"] },
        { "no series", Head, Doc(series: " "), ["series:Required"] },
        { "a series too long", Head, Doc(series: "ABCDEF"), ["series:DocumentSeriesInvalid"] },
        { "a series with a digit", Head, Doc(series: "A1"), ["series:DocumentSeriesInvalid"] },
        { "a series with markup", Head, Doc(series: "<b>"), ["series:DocumentSeriesInvalid"] },
        { "a series with a bidi override", Head, Doc(series: "AB\u202E"), ["series:DocumentSeriesInvalid"] },
        { "a series in Greek letters that look Latin", Head, Doc(series: "ΑΒ"), ["series:DocumentSeriesInvalid"] },
        { "no number", Head, Doc(number: null), ["number:Required"] },
        { "a number with a letter", Head, Doc(number: "12A"), ["number:DocumentNumberInvalid"] },
        { "a number too long", Head, Doc(number: "12345678901"), ["number:DocumentNumberInvalid"] },
        { "a number in Arabic-Indic digits", Head, Doc(number: "١٢٣"), ["number:DocumentNumberInvalid"] },
        { "no date", Head, Doc(on: null), ["issuedOn:Required"] },
        { "dated tomorrow", Head, Doc(on: "2026-11-28"), ["issuedOn:DateInFuture"] },
        { "dated before the year began", Head, Doc(on: "2026-08-31"), ["issuedOn:DocumentIssuedTooEarly"] },
        { "everything wrong at once", Head, Doc("S4", "", "x", "2027-01-01"),
            ["series:Required", "number:DocumentNumberInvalid", "issuedOn:DateInFuture", "studentId:DocumentNotEarned"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_field(string why, JournalWriter writer, ProposedDocument document, string[] expected)
    {
        var result = DocumentValidator.Validate(document, Grade9, writer, Entitled, Today);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void The_kind_distinction_and_marks_come_from_the_year_end_and_the_blank_is_normalized()
    {
        var row = DocumentValidator.Validate(Doc(series: " жоб ", number: " 0012345 "), Grade9, Head, Entitled, Today).Row!;
        Assert.Equal((EducationDocumentKind.BasicSecondaryCertificate, true, "ЖОБ", "0012345", D("2026-11-27")),
            (row.Kind, row.WithDistinction, row.Series, row.Number, row.IssuedOn));
        Assert.Equal([new DocumentMark("KAZ", 5, false), new DocumentMark("MAT", 5, false), new DocumentMark("PE", null, true)], row.Marks);
    }
}
