using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

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
            // The database or the cluster is unreachable: nothing was acknowledged, the client may retry with the same entry ids.
            Npgsql.NpgsqlException or TimeoutException or Orleans.Runtime.OrleansException or OperationCanceledException when !context.RequestAborted.IsCancellationRequested =>
                Unavailable(context, exception),
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

    private ProblemHttpResult Unavailable(HttpContext context, Exception exception)
    {
        logger.LogWarning("Dependency unavailable on {Method} {Route}: {Error}", context.Request.Method, context.GetEndpoint()?.DisplayName, exception.GetType().Name);
        context.Response.Headers.RetryAfter = "5";
        return LocalizedProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "problem.unavailable.title", "problem.unavailable.detail");
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
