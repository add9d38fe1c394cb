using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The early-warning list of a class (docs/analysis.md, Signals): personal data, for readers of the pupils' diaries.</summary>
public static class WarningEndpoints
{
    public static RouteGroupBuilder MapWarningEndpoints(this RouteGroupBuilder api)
    {
        // Who reads depends on the class's teachers today: the handler checks it and audits it, refusals too.
        api.MapGet("/classes/{classId}/warnings", GetWarnings).RequireClass(static (_, _) => true).WithTags("Journal")
            .WithName("GetClassWarnings")
            .WithSummary("The class's pupils at risk in a term, each with its reasons: ≥ 10 % of lessons missed, a projected 2, a summative owed");
        return api;
    }

    private static async Task<Results<Ok<ClassWarningsResponse>, ProblemHttpResult>> GetWarnings(
        string classId, string? term, [AsParameters] EndpointCall call, ClassWarnings warnings)
    {
        if (!int.TryParse(term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n is < 1 or > Contracts.SummaryFilter.MaxTerm)
        {
            return LocalizedProblems.Invalid(call.Http, [("term", term is null ? "required" : "termOutOfRange")], "summary.error");
        }
        if (!await warnings.MayReadAsync(call.Actor, call.Caller.Node, n, call.Aborted))
        {
            return LocalizedProblems.Forbidden(call.Http);
        }
        return await warnings.ReadAsync(classId, n, RequestLanguage.Of(call.Http), call.Aborted) is { } list
            ? TypedResults.Ok(list)
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.term");
    }
}
