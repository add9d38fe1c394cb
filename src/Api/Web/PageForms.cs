using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Web;

/// <summary>
/// What every page form shares: the gate (a valid antiforgery token, then a signed-in caller), the 303 back to the page
/// with a notice (and, for a refusal, its problems' codes), and the texts a page may show for codes read from its address.
/// </summary>
public static class PageForms
{
    /// <summary>400 without a valid antiforgery token, 401 without a caller; null when the form may go on.</summary>
    public static ProblemHttpResult? Gate(HttpContext http, ActorResolver actors) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true } ? LocalizedProblems.Antiforgery(http, StatusCodes.Status400BadRequest)
        : actors.Resolve(http) is null ? LocalizedProblems.Unauthorized(http)
        : null;

    /// <summary>303 to <paramref name="path"/> (which may carry its own query) with <c>notice</c> and any <c>error</c> codes.</summary>
    public static SeeOther Back<TNotice>(string path, TNotice notice, IEnumerable<string> errorCodes) where TNotice : struct, Enum
    {
        var query = QueryString.Create([
            new("notice", notice.ToString().ToLowerInvariant()),
            .. errorCodes.Select(code => new KeyValuePair<string, string?>("error", code)),
        ]);
        return new SeeOther(path + (path.Contains('?') ? "&" + query.Value![1..] : query.Value));
    }

    /// <summary>
    /// The texts a page shows for the codes of a refusal in its address: only codes whose message exists under one of the
    /// prefixes, first prefix first (so the address cannot put words on the page), each once, at most five.
    /// </summary>
    public static IReadOnlyList<string> ErrorTexts(IEnumerable<string>? codes, string language, params string[] prefixes) =>
        [.. (codes ?? []).Take(5).Where(c => c.Length <= 40 && c.All(char.IsAsciiLetter)).Distinct(StringComparer.Ordinal)
            .Select(c => prefixes.Select(prefix => $"{prefix}.{c}").FirstOrDefault(Messages.Catalog.ContainsKey))
            .OfType<string>().Select(k => Messages.Get(k, language))];
}
