using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;

namespace EduInfo.Domain.YearEnd;

/// <summary>
/// A version of the final attestation's rules as data (issue 20), as operators send it and PostgreSQL keeps it: the
/// grades that end in an attestation with the document each leads to, the final grade, the weights of the annual and
/// the examination marks, the pass mark and how many failed subjects still allow a re-examination.
/// </summary>
public sealed record FinalAttestationPolicyDocument(
    DateOnly? EffectiveFrom,
    IReadOnlyList<AttestedGradeDocument?>? Documents,
    int? FinalGrade,
    int? AnnualWeight,
    int? ExamWeight,
    int? PassMark,
    int? MaxReexaminations);

/// <summary>A grade of a final attestation and the document it leads to (<c>basicSecondaryCertificate</c>, <c>generalSecondaryAttestat</c>).</summary>
public sealed record AttestedGradeDocument(int? Grade, string? Document);

/// <summary>Validation and conversion of final attestation policy versions. Pure.</summary>
public static class FinalAttestationPolicies
{
    public const int MaxWeight = 10;
    public const int MaxReexaminationsLimit = 10;

    /// <summary>The version in force since 2020 (the rules of order No. 125): the first row of the table, set by the migration.</summary>
    public static FinalAttestationPolicyDocument Default { get; } = ToDocument(new FinalAttestationPolicy());

    public static FinalAttestationPolicyDocument ToDocument(FinalAttestationPolicy p) => new(p.EffectiveFrom,
        [.. p.Documents.OrderBy(d => d.Key).Select(d => new AttestedGradeDocument(d.Key, DocumentValidator.NameOf(d.Value)))],
        p.FinalGrade, p.AnnualWeight, p.ExamWeight, p.PassMark, p.MaxReexaminations);

    /// <summary>
    /// The version a year ends under: the valid version in force on the year's first day. The migration stores the
    /// 2020 version, so the built-in one answers only a table emptied by hand.
    /// </summary>
    public static FinalAttestationPolicy InForce(IEnumerable<FinalAttestationPolicyDocument> versions, string academicYear)
    {
        var first = AcademicCalendar.Bounds(academicYear).First;
        return versions.Where(v => Validate(v, null).Count == 0).Select(ToPolicy)
            .Where(p => p.EffectiveFrom <= first).MaxBy(p => p.EffectiveFrom) ?? new FinalAttestationPolicy();
    }

    /// <summary>A valid document as the policy the rules apply (<see cref="Validate"/> first).</summary>
    public static FinalAttestationPolicy ToPolicy(FinalAttestationPolicyDocument d) => new()
    {
        EffectiveFrom = d.EffectiveFrom!.Value,
        Documents = d.Documents!.ToDictionary(g => g!.Grade!.Value, g => DocumentValidator.KindNamed(g!.Document)!.Value),
        FinalGrade = d.FinalGrade!.Value,
        AnnualWeight = d.AnnualWeight!.Value,
        ExamWeight = d.ExamWeight!.Value,
        PassMark = d.PassMark!.Value,
        MaxReexaminations = d.MaxReexaminations!.Value,
    };

    /// <summary>
    /// A version taking effect after <paramref name="today"/> (versions in force are never rewritten); one to twelve
    /// attested grades from 1 to 12, each once, each with a known document; the final grade among them; weights from 0
    /// to 10, not both 0; a pass mark from 2 to 5; re-examinations from 0 to 10. Pass <c>null</c> as today to check a stored version.
    /// </summary>
    public static IReadOnlyList<EntryProblem> Validate(FinalAttestationPolicyDocument d, DateOnly? today)
    {
        var problems = new List<EntryProblem>();
        if (d.EffectiveFrom is null)
        {
            problems.Add(new("effectiveFrom", JournalError.Required, []));
        }
        else if (today is { } t && d.EffectiveFrom <= t)
        {
            problems.Add(new("effectiveFrom", JournalError.PolicyInForce, [t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]));
        }
        var documents = d.Documents ?? [];
        var grades = documents.Select(g => g?.Grade).ToList();
        if (documents.Count is < 1 or > 12 || grades.Any(g => g is not (>= 1 and <= 12)) || grades.Distinct().Count() != grades.Count
            || documents.Any(g => DocumentValidator.KindNamed(g?.Document) is null))
        {
            problems.Add(new("documents", JournalError.AttestationGradesInvalid, ["1", "12"]));
        }
        if (d.FinalGrade is not (>= 1 and <= 12) || !grades.Contains(d.FinalGrade))
        {
            problems.Add(new("finalGrade", JournalError.AttestationFinalGradeInvalid, []));
        }
        if (d.AnnualWeight is not (>= 0 and <= MaxWeight) || d.ExamWeight is not (>= 0 and <= MaxWeight) || d.AnnualWeight + d.ExamWeight == 0)
        {
            problems.Add(new("weights", JournalError.AttestationWeightsInvalid, ["0", $"{MaxWeight}"]));
        }
        if (d.PassMark is not (>= 2 and <= YearEndRules.TopMark))
        {
            problems.Add(new("passMark", JournalError.AttestationValueOutOfRange, ["2", $"{YearEndRules.TopMark}"]));
        }
        if (d.MaxReexaminations is not (>= 0 and <= MaxReexaminationsLimit))
        {
            problems.Add(new("maxReexaminations", JournalError.AttestationValueOutOfRange, ["0", $"{MaxReexaminationsLimit}"]));
        }
        return problems;
    }
}
