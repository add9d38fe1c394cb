using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EduInfo.Api.Problems;

/// <summary>
/// Turns failures outside the endpoints into localized problem details: unreadable bodies (400, naming the JSON
/// path), oversized bodies (413), and anything unexpected (500, with no internals in the response).
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                LocalizedProblems.Create(context, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.tooLarge.title"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                LocalizedProblems.Create(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "problem.unsupportedMediaType.title"),
            BadHttpRequestException bad => LocalizedProblems.Create(context, StatusCodes.Status400BadRequest, "malformed", "problem.malformed.title",
                "problem.malformed.detail", new Dictionary<string, object?> { ["field"] = JsonPath(bad) }),
            _ => null,
        };
        if (result is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Route}", context.Request.Method, context.GetEndpoint()?.DisplayName);
            result = LocalizedProblems.Create(context, StatusCodes.Status500InternalServerError, "internal", "problem.internal.title", "problem.internal.detail");
        }
        await result.ExecuteAsync(context);
        return true;
    }

    private static string? JsonPath(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Path: { } path })
            {
                // "$.entries[0].score" → "entries[0].score"
                return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            }
        }
        return null;
    }
}
