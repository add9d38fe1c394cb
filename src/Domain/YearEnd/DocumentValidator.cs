using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.YearEnd;

/// <summary>An education document to issue, as sent: the pupil, the form's series and number, the date of issue.</summary>
public sealed record ProposedDocument(string? StudentId, string? Series, string? Number, DateOnly? IssuedOn);

/// <summary>What a pupil is entitled to at the year's end: the document earned (null: none), with distinction, the council's decision and the final marks.</summary>
public sealed record DocumentEntitlement(EducationDocumentKind? Document, bool WithDistinction, CouncilDecision? Decided, IReadOnlyList<FinalMark> Finals);

/// <summary>A document's line: a subject's final mark, or exempt (no mark).</summary>
public sealed record DocumentMark(string SubjectId, int? Mark, bool Exempt);

/// <summary>A document to register: the kind and distinction come from the year's outcome, never from the request.</summary>
public sealed record NewDocument(string StudentId, EducationDocumentKind Kind, bool WithDistinction, string Series, string Number, DateOnly IssuedOn,
    IReadOnlyList<DocumentMark> Marks);

/// <summary>
/// Validates issuing an education document (issue 20): the head of the class's organization (or above) only; a pupil
/// enrolled today who earned a document at the final attestation, with a final mark (or an exemption) in
/// every subject taught to them, and whose council decision lets them leave the grade
/// with it (not a repeated year, not a conditional promotion); the form's series (one to five capital letters, Latin,
/// Cyrillic or Kazakh) and number (one to ten digits); issued within the class's academic year, not after today.
/// The marks are the year's final marks. Pure.
/// </summary>
public static class DocumentValidator
{
    public const int MaxSeriesLength = 5;
    public const int MaxNumberLength = 10;

    private const string KazakhLetters = "ӘҒҚҢӨҰҮҺІЁ";

    public static string NameOf(EducationDocumentKind kind) => kind switch
    {
        EducationDocumentKind.BasicSecondaryCertificate => "basicSecondaryCertificate",
        _ => "generalSecondaryAttestat",
    };

    public static EducationDocumentKind? KindNamed(string? name) =>
        Enum.GetValues<EducationDocumentKind>().Cast<EducationDocumentKind?>().FirstOrDefault(k => NameOf(k!.Value) == name);

    /// <summary>The series as stored: trimmed and upper-cased, or null when it is not one to five letters.</summary>
    public static string? NormalSeries(string? series) =>
        series?.Trim().ToUpperInvariant() is { Length: >= 1 and <= MaxSeriesLength } s && s.All(IsSeriesLetter) ? s : null;

    /// <summary>The number as stored: trimmed, or null when it is not one to ten ASCII digits (leading zeros kept: they are printed).</summary>
    public static string? NormalNumber(string? number) =>
        number?.Trim() is { Length: >= 1 and <= MaxNumberLength } n && n.All(char.IsAsciiDigit) ? n : null;

    public static ValidatedEntry<NewDocument> Validate(ProposedDocument document, ClassRules rules, JournalWriter writer,
        IReadOnlyDictionary<string, DocumentEntitlement> entitlements, DateOnly today)
    {
        var cls = rules.Class;
        if (!writer.IsHeadOf(cls))
        {
            return ValidatedEntry<NewDocument>.Invalid("studentId", JournalError.NotAllowed);
        }
        var problems = new List<EntryProblem>();
        var series = NormalSeries(document.Series);
        if (series is null)
        {
            problems.Add(Problem("series", string.IsNullOrWhiteSpace(document.Series) ? JournalError.Required : JournalError.DocumentSeriesInvalid, MaxSeriesLength));
        }
        var number = NormalNumber(document.Number);
        if (number is null)
        {
            problems.Add(Problem("number", string.IsNullOrWhiteSpace(document.Number) ? JournalError.Required : JournalError.DocumentNumberInvalid, MaxNumberLength));
        }
        var yearStarts = rules.Terms.Count > 0 ? rules.Terms.Min(t => t.Starts) : (DateOnly?)null;
        if (document.IssuedOn is not { } issuedOn)
        {
            problems.Add(Problem("issuedOn", JournalError.Required));
        }
        else if (issuedOn > today)
        {
            problems.Add(Problem("issuedOn", JournalError.DateInFuture));
        }
        else if (yearStarts is { } starts && issuedOn < starts)
        {
            problems.Add(Problem("issuedOn", JournalError.DocumentIssuedTooEarly, starts.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var enrolled = cls.Enrolments.Any(e => e.StudentId == document.StudentId && e.CoversDate(today));
        var entitled = document.StudentId is null ? null : entitlements.GetValueOrDefault(document.StudentId);
        if (string.IsNullOrEmpty(document.StudentId))
        {
            problems.Add(Problem("studentId", JournalError.Required));
        }
        else if (!enrolled || entitled is null)
        {
            problems.Add(Problem("studentId", JournalError.StudentNotInClass));
        }
        else if (entitled.Document is null || entitled.Decided is CouncilDecision.RepeatsYear or CouncilDecision.PromotedConditionally)
        {
            // Not earned at the attestation, or the council kept the pupil back whatever the marks.
            problems.Add(Problem("studentId", JournalError.DocumentNotEarned));
        }
        else if (Unmarked(cls, document.StudentId, entitled.Finals, today) is { Count: > 0 } unmarked)
        {
            // A document lists every subject the pupil is taught: each needs a final mark, or an exemption.
            problems.Add(Problem("studentId", JournalError.DocumentMarksMissing, string.Join(", ", unmarked)));
        }
        else if (entitled.Decided is null)
        {
            problems.Add(Problem("studentId", JournalError.CouncilNotRecorded));
        }
        if (problems.Count > 0)
        {
            return ValidatedEntry<NewDocument>.Invalid(problems);
        }
        var pupil = entitled!;
        var marks = pupil.Finals.Where(f => f.Mark is not null || f.Source == FinalMarkSource.Exempt)
            .Select(f => new DocumentMark(f.SubjectId, f.Mark, f.Source == FinalMarkSource.Exempt)).ToList();
        return ValidatedEntry<NewDocument>.Valid(new NewDocument(document.StudentId!, pupil.Document!.Value, pupil.WithDistinction, series!, number!,
            document.IssuedOn!.Value, marks));
    }

    /// <summary>The subjects taught to the pupil today (to the whole class, or to a group they belong to) without a final mark or an exemption.</summary>
    public static IReadOnlyList<string> Unmarked(ClassRecord cls, string studentId, IReadOnlyList<FinalMark> finals, DateOnly today)
    {
        var groups = (cls.Groups ?? []).Where(g => g.Members.Any(m => m.StudentId == studentId && m.CoversDate(today))).Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);
        var settled = finals.Where(f => f.Mark is not null || f.Source == FinalMarkSource.Exempt).Select(f => f.SubjectId).ToHashSet(StringComparer.Ordinal);
        return [.. cls.Assignments.Where(a => a.CoversDate(today) && (a.GroupId == cls.ClassId || groups.Contains(a.GroupId)))
            .Select(a => a.SubjectId).Distinct(StringComparer.Ordinal).Where(s => !settled.Contains(s)).Order(StringComparer.Ordinal)];
    }

    private static bool IsSeriesLetter(char c) => c is >= 'A' and <= 'Z' or >= 'А' and <= 'Я' || KazakhLetters.Contains(c);
}
