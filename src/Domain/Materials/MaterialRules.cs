using System.Text;
using EduInfo.Domain.Forums;

namespace EduInfo.Domain.Materials;

/// <summary>
/// Where a material is on its way to readers: its author writes a draft, submits it, a reviewer of the district or region
/// publishes it or sends it back with a reason; a published material a reviewer may still withdraw (with a reason).
/// </summary>
public enum MaterialState
{
    Draft = 1,
    InReview = 2,
    Published = 3,
    /// <summary>Sent back by a reviewer with a reason: its author edits it and submits again.</summary>
    Returned = 4,
    /// <summary>Taken down after publication by a reviewer (the reason is audited and told to the author).</summary>
    Withdrawn = 5,
}

/// <summary>The language a material is written in: it picks the full-text configuration its words are indexed with.</summary>
public enum MaterialLanguage
{
    Kk = 1,
    Ru = 2,
    En = 3,
}

public enum ReviewAction
{
    Publish = 1,
    Return = 2,
    Withdraw = 3,
}

/// <summary>What the author sends: the facts of a material before they are checked.</summary>
public sealed record MaterialDraft(string? Title, string? Summary, string? Body, string? SubjectId, int? Grade, MaterialLanguage? Language);

/// <summary>A checked material's facts (texts normalized).</summary>
public sealed record MaterialFacts(string Title, string Summary, string Body, string SubjectId, int Grade, MaterialLanguage Language);

public sealed record MaterialProblem(string Field, string Code);

/// <summary>The rules of methodological materials (issue 24, order point 12.4), pure.</summary>
public static class MaterialRules
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 1_000;
    public const int MaxBodyLength = 50_000;
    /// <summary>Grade 0 is the pre-school year; 1–11 the school grades.</summary>
    public const int MinGrade = 0;
    public const int MaxGrade = 11;
    public const int MaxQueryLength = 200;

    /// <summary>
    /// Checks a draft with the forums' text rules (normalization, controls, direction overrides, invisible characters,
    /// mixed scripts); every problem is named, each field once.
    /// </summary>
    public static IReadOnlyList<MaterialProblem> Check(MaterialDraft draft, out MaterialFacts? facts)
    {
        facts = null;
        var problems = new List<MaterialProblem>();
        var title = Text("title", draft.Title, MaxTitleLength, multiline: false, problems);
        var summary = Text("summary", draft.Summary, MaxSummaryLength, multiline: true, problems);
        var body = Text("body", draft.Body, MaxBodyLength, multiline: true, problems);
        if (string.IsNullOrWhiteSpace(draft.SubjectId) || draft.SubjectId.Length > 64)
        {
            problems.Add(new MaterialProblem("subjectId", "subjectRequired"));
        }
        if (!ValidGrade(draft.Grade))
        {
            problems.Add(new MaterialProblem("grade", "gradeOutOfRange"));
        }
        if (draft.Language is not { } language || !Enum.IsDefined(language))
        {
            problems.Add(new MaterialProblem("language", "languageRequired"));
        }
        if (problems.Count == 0)
        {
            facts = new MaterialFacts(title!, summary!, body!, draft.SubjectId!, draft.Grade!.Value, draft.Language!.Value);
        }
        return problems;
    }

    private static string? Text(string field, string? text, int maxLength, bool multiline, List<MaterialProblem> problems)
    {
        var (checkedText, found) = ForumText.Check(field, text, maxLength, multiline);
        problems.AddRange(found.Select(p => new MaterialProblem(p.Field, ForumText.Code(p.Error))));
        return checkedText;
    }

    public static bool ValidGrade(int? grade) => grade is >= MinGrade and <= MaxGrade;

    /// <summary>Which state a draft may be edited or submitted from: its author's own until a reviewer has it.</summary>
    public static bool Editable(MaterialState state) => state is MaterialState.Draft or MaterialState.Returned;

    /// <summary>The state a reviewer's action leads to, or null when the material's state does not allow it (a 409).</summary>
    public static MaterialState? After(MaterialState state, ReviewAction action) => (state, action) switch
    {
        (MaterialState.InReview, ReviewAction.Publish) => MaterialState.Published,
        (MaterialState.InReview, ReviewAction.Return) => MaterialState.Returned,
        (MaterialState.Published, ReviewAction.Withdraw) => MaterialState.Withdrawn,
        _ => null,
    };

    /// <summary>Publishing needs no reason; returning and withdrawing are explained to the author.</summary>
    public static bool NeedsReason(ReviewAction action) => action != ReviewAction.Publish;

    /// <summary>A rating is one to five stars, one per reader, not the author's own.</summary>
    public static bool ValidStars(int? stars) => stars is >= 1 and <= 5;

    /// <summary>
    /// The PostgreSQL text-search configuration for a language: Russian is stemmed (<c>russian</c>: «уравнения» finds
    /// «уравнение»); Kazakh has no stemmer in PostgreSQL, so its words are matched whole after lower-casing (<c>simple</c>).
    /// </summary>
    public static string SearchConfiguration(MaterialLanguage language) => language switch
    {
        MaterialLanguage.Ru => "russian",
        MaterialLanguage.En => "english",
        _ => "simple",
    };

    /// <summary>
    /// The text a material is indexed by, or a query searched with: NFC and lower-cased here with the invariant culture
    /// (Ә→ә, Қ→қ, І→і), so the index does not depend on the database's locale; ё is read as е, as readers type it.
    /// </summary>
    public static string SearchText(params string?[] parts) =>
        string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)))
            .Normalize(NormalizationForm.FormC).ToLowerInvariant().Replace('ё', 'е');

    /// <summary>A search query as typed, or null when it is none (blank, too long, or holding a control character).</summary>
    public static string? Query(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxQueryLength || typed.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return null;
        }
        return SearchText(typed.Trim());
    }
}
