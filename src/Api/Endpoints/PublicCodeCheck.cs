using EduInfo.Api.Problems;
using EduInfo.Domain.YearEnd;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The public check of a verification code (documents, certificates of study, seminar certificates): a code that is not
/// one is 400 before anything is looked up; an unknown code is 404 with the kind's message.
/// </summary>
internal static class PublicCodeCheck
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(string code, HttpContext http, string notFoundKey,
        Func<string, Task<T?>> find) where T : class =>
        !VerificationCode.TryParse(code, out var canonical)
            ? LocalizedProblems.Invalid(http, [("code", "malformed")], "document.error")
            : await find(canonical) is { } found
                ? TypedResults.Ok(found)
                : LocalizedProblems.NotFound(http, notFoundKey);
}
