namespace EduInfo.Domain.YearEnd;

/// <summary>
/// How a school year ends (issue 20), as data versioned by its effective date like the assessment policies: which
/// grades end in a final attestation and the document it leads to, how an examination mark and the annual mark combine
/// into the final mark, the lowest passing mark, and how many failed subjects still allow a re-examination instead of
/// repeating the year. Defaults: grades 9 (certificate of basic secondary education) and 11 (attestat of general
/// secondary education), final = the mean of annual and examination marks rounded half-up, pass from 3, at most two
/// subjects to re-examine.
/// </summary>
public sealed record FinalAttestationPolicy
{
    public DateOnly EffectiveFrom { get; init; } = new(2020, 9, 1);

    /// <summary>The grades that end in a final attestation, and the document each leads to.</summary>
    public IReadOnlyDictionary<int, EducationDocumentKind> Documents { get; init; } = new Dictionary<int, EducationDocumentKind>
    {
        [9] = EducationDocumentKind.BasicSecondaryCertificate,
        [11] = EducationDocumentKind.GeneralSecondaryAttestat,
    };

    /// <summary>The last grade of school: passing it is graduating.</summary>
    public int FinalGrade { get; init; } = 11;

    /// <summary>The final mark of an examined subject = (annual · AnnualWeight + exam · ExamWeight) ÷ (sum of weights), rounded half-up.</summary>
    public int AnnualWeight { get; init; } = 1;

    public int ExamWeight { get; init; } = 1;

    /// <summary>The lowest passing mark (a final or examination mark below it fails the subject).</summary>
    public int PassMark { get; init; } = 3;

    /// <summary>A pupil failing at most this many subjects is promoted conditionally, with a re-examination; more repeat the year.</summary>
    public int MaxReexaminations { get; init; } = 2;

    /// <summary>The version in force on a date among versions (the latest whose effective date is not after it).</summary>
    public static FinalAttestationPolicy InForce(IEnumerable<FinalAttestationPolicy> versions, DateOnly date) =>
        versions.Where(p => p.EffectiveFrom <= date).MaxBy(p => p.EffectiveFrom)
        ?? throw new InvalidOperationException($"No final attestation policy in force on {date:yyyy-MM-dd}.");
}
