using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Problems;

/// <summary>
/// Turns failures outside the endpoints into localized problem details: unreadable bodies (400, naming the JSON
/// path), form posts without a valid antiforgery token (400), oversized bodies (413), and anything unexpected (500, with no internals in the response).
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up first (whatever ended the call afterwards, even Orleans' response timeout): nobody reads an answer.
            logger.LogInformation("Request cancelled by the client on {Method} {Route} ({Error})", context.Request.Method,
                Route(context), exception.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                LocalizedProblems.Create(context, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.tooLarge.title"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                LocalizedProblems.Create(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "problem.unsupportedMediaType.title"),
            // Form binding refuses a post whose antiforgery token the middleware found wanting.
            BadHttpRequestException when context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } =>
                LocalizedProblems.Antiforgery(context, StatusCodes.Status400BadRequest),
            BadHttpRequestException bad => Unreadable(context, bad),
            // The database or the cluster is unreachable: nothing was acknowledged, the client may retry with the same entry ids.
            Npgsql.NpgsqlException or TimeoutException or Orleans.Runtime.OrleansException or OperationCanceledException =>
                Unavailable(context, exception),
            _ => null,
        };
        if (result is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Route}", context.Request.Method, Route(context));
            result = LocalizedProblems.Create(context, StatusCodes.Status500InternalServerError, "internal", "problem.internal.title", "problem.internal.detail");
        }
        await result.ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult Unavailable(HttpContext context, Exception exception)
    {
        logger.LogWarning("Dependency unavailable on {Method} {Route}: {Error}", context.Request.Method, Route(context),
            // The schema's names only (table, column, constraint), never a value: the message may quote personal data.
            exception is Npgsql.PostgresException postgres
                ? $"PostgresException {postgres.SqlState} {postgres.TableName}.{postgres.ColumnName} {postgres.ConstraintName}".TrimEnd()
                : exception.GetType().Name);
        context.Response.Headers.RetryAfter = "5";
        return LocalizedProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "problem.unavailable.title", "problem.unavailable.detail");
    }

    // The exception handler clears the endpoint from the context before it runs; its feature keeps it.
    private static string? Route(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.DisplayName;

    /// <summary>A body that cannot be bound: a 400 shaped like every other, naming the field with a specific code.</summary>
    private static ProblemHttpResult Unreadable(HttpContext context, BadHttpRequestException exception)
    {
        // The exception handler clears the endpoint from the context before it runs; its feature keeps it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var problem = BindingProblems.Classify(exception, requestType, options);
        var language = RequestLanguage.Of(context);
        var error = new FieldError(problem.Field, problem.Code, Messages.Get($"binding.error.{problem.Error}", language, problem.Field));
        return LocalizedProblems.Create(context, StatusCodes.Status400BadRequest, "malformed", "problem.malformed.title",
            "problem.malformed.detail", new Dictionary<string, object?> { ["errors"] = new[] { error } });
    }
}
