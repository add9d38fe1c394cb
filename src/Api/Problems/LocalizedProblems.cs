using EduInfo.Domain.Journal;
using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Journal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Problems;

/// <summary>RFC 9457 problem details whose title, detail and per-field messages are in the request's language.</summary>
public static class LocalizedProblems
{
    public const string TypeBase = "https://eduinfo.kz/problems/";

    public static ProblemHttpResult Create(HttpContext context, int status, string type, string titleKey, string? detailKey = null,
        IDictionary<string, object?>? extensions = null)
    {
        var language = RequestLanguage.Of(context);
        var problem = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = Messages.Get(titleKey, language),
            Detail = detailKey is null ? null : Messages.Get(detailKey, language),
            Instance = context.Request.Path,
        };
        problem.Extensions["language"] = language;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(HttpContext context, string detailKey) =>
        Create(context, StatusCodes.Status404NotFound, "not-found", "problem.notFound.title", detailKey);

    public static ProblemHttpResult Unauthorized(HttpContext context) =>
        Create(context, StatusCodes.Status401Unauthorized, "unauthorized", "problem.unauthorized.title", "problem.unauthorized.detail");

    public static ProblemHttpResult Forbidden(HttpContext context) =>
        Create(context, StatusCodes.Status403Forbidden, "forbidden", "problem.forbidden.title", "problem.forbidden.detail");

    /// <summary>A form post (400) or a cookie-authenticated API call (403) without a valid antiforgery token.</summary>
    public static ProblemHttpResult Antiforgery(HttpContext context, int status) =>
        Create(context, status, "antiforgery", "problem.antiforgery.title", "problem.antiforgery.detail");

    /// <summary>A 400 naming each bad field, with messages <c>{messagePrefix}.{code}</c> in the request's language.</summary>
    public static ProblemHttpResult Invalid(HttpContext context, IEnumerable<(string Field, string Code)> problems, string messagePrefix)
    {
        var language = RequestLanguage.Of(context);
        return Create(context, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", null,
            new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new FieldError(p.Field, p.Code, Messages.Get($"{messagePrefix}.{p.Code}", language))).ToList(),
            });
    }

    /// <summary>A refused write: 404 (no class or row), 403 (not the writer's), 409 (conflict with what is recorded) or 400 (bad input), naming each field.</summary>
    public static ProblemHttpResult Rejected(HttpContext context, BatchOutcome outcome)
    {
        if (outcome.IsNotFound)
        {
            return NotFound(context, outcome.Problems.Any(p => p.Error == JournalError.EntryNotFound) ? "problem.notFound.entry"
                : outcome.Problems.Any(p => p.Error == JournalError.DocumentNotFound) ? "problem.notFound.document"
                : outcome.Problems.Any(p => p.Error == JournalError.YearUnknown) ? "problem.notFound.year" : "problem.notFound.class");
        }
        if (outcome.IsForbidden)
        {
            return Forbidden(context);
        }
        var language = RequestLanguage.Of(context);
        var errors = outcome.Problems.Select(p => new FieldError(
            p.Field,
            JsonNaming.Camel(p.Error.ToString()),
            Messages.Get($"journal.error.{p.Error}", language, p.Arguments))).ToList();
        return outcome.IsConflict
            ? Create(context, StatusCodes.Status409Conflict, "entry-conflict", "problem.conflict.title", "problem.conflict.detail",
                new Dictionary<string, object?> { ["errors"] = errors })
            : Create(context, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.validation.detail",
                new Dictionary<string, object?> { ["errors"] = errors });
    }
}
