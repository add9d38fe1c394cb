using EduInfo.Domain.Forums;
using EduInfo.Grains.Interfaces.Forums;

namespace EduInfo.Grains.Forums;

/// <summary>The forums' checks of what people write, shared by every discussion (forum posts, materials' comments).</summary>
public static class ForumChecks
{
    private const int MaxReasonLength = 500;

    /// <summary>
    /// A body checked as typed and as it will be read: the rules run on the Markdown and again on the rendered text, where
    /// character references are decoded and emphasis no longer splits a word.
    /// </summary>
    public static (string? Text, string? Html, IReadOnlyList<ForumProblem> Problems) Body(string field, string? text, int maxLength = ForumText.MaxBodyLength)
    {
        var typed = ForumText.Check(field, text, maxLength, multiline: true);
        if (typed.Text is null)
        {
            return (null, null, Problems(typed).Problems);
        }
        var (html, problems) = Rendered(field, typed.Text);
        return (html is null ? null : typed.Text, html, problems);
    }

    /// <summary>A body already checked as typed (a material's, by its rules), rendered and checked as it will be read.</summary>
    public static (string? Html, IReadOnlyList<ForumProblem> Problems) Rendered(string field, string typed)
    {
        var html = ForumMarkup.Render(typed);
        var shown = ForumText.Check(field, ForumMarkup.TextOf(html), int.MaxValue, multiline: true);
        return shown.Problems.Count == 0 ? (html, []) : (null, Problems(shown).Problems);
    }

    /// <summary>A moderator's reason goes to the author and the audit: it is checked like a title and may hold no personal data.</summary>
    public static (string? Text, IReadOnlyList<ForumProblem> Problems) Reason(string? text)
    {
        var reason = Problems(ForumText.Check("reason", text, MaxReasonLength, multiline: false));
        return reason.Text is { } checkedText && PersonalDataScan.Find(checkedText).Count > 0
            ? (null, [new ForumProblem("reason", "personalData")])
            : reason;
    }

    public static (string? Text, IReadOnlyList<ForumProblem> Problems) Problems((string? Text, IReadOnlyList<ForumTextProblem> Problems) check) =>
        (check.Text, [.. check.Problems.Select(p => new ForumProblem(p.Field, ForumText.Code(p.Error)))]);
}
