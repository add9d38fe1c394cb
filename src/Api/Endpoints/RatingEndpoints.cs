using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Ratings;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Open regional ratings (order point 12.5): anyone reads an area's latest publication and the methodology versions;
/// the Ministry's analysts and operators publish (freeze) a rating; operators add methodology versions.
/// </summary>
public static class RatingEndpoints
{
    public static RouteGroupBuilder MapPublicRatingEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public/ratings").WithTags("Public ratings").AllowAnonymous();
        open.MapGet("/methodologies", GetMethodologies).WithName("GetRatingMethodologies")
            .WithSummary("The rating methodology versions (indicators, weights, minimum size, note in kk/ru/en), oldest first");
        open.MapGet("/{nodeId}", GetRating).WithName("GetPublicRating")
            .WithSummary("An area's latest published rating: the republic ranks its regions, a region its districts, a district its schools")
            .WithDescription("As published (frozen), with the methodology that produced it and each unit's movement since the last term's publication.");
        return api;
    }

    public static RouteGroupBuilder MapRatingEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/nodes/{nodeId}/rating/publish", Publish).RequireNode(AccessPolicy.CanPublishRatings).WithTags("Public ratings")
            .WithName("PublishRating")
            .WithSummary("Rank an area's units from the live figures and publish the rating (Ministry analysts, operators; audited)")
            .WithDescription("The methodology in force today; the publication is frozen: later corrections change only the next one.");
        api.MapPut("/policies/rating-methodology", SetMethodology).RequireCaller(AccessPolicy.CanManageRules).WithTags("Rules")
            .WithName("SetRatingMethodology")
            .WithSummary("Add or replace a rating methodology version taking effect after today (operators; audited)");
        return api;
    }

    private static async Task<Results<Ok<PublicRating>, ProblemHttpResult>> GetRating(
        string nodeId, HttpContext context, PublicRatings ratings, CancellationToken cancellationToken) =>
        await ratings.LatestAsync(nodeId, RequestLanguage.Of(context), cancellationToken) is { } rating
            ? TypedResults.Ok(rating)
            : LocalizedProblems.NotFound(context, "problem.notFound.rating");

    private static async Task<Ok<IReadOnlyList<RatingMethodology>>> GetMethodologies(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRatingMethodologyGrain>(IRatingMethodologyGrain.Key).GetVersions());

    private static async Task<Results<Ok<RatingPublished>, ProblemHttpResult>> Publish(string nodeId, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IRatingGrain>(call.Caller.Node.Id).Publish(call.Actor);
        return outcome.Outcome.Accepted ? TypedResults.Ok(new RatingPublished(outcome.PublicationId, outcome.Ranked, outcome.Units))
            : outcome.Outcome.Problems.Any(p => p.Error == EduInfo.Domain.Journal.JournalError.RatingScopeInvalid)
                ? LocalizedProblems.NotFound(call.Http, "problem.notFound.ratingScope")
                : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetMethodology(RatingMethodology methodology, [AsParameters] EndpointCall call)
    {
        var problems = await call.Grains.GetGrain<IRatingMethodologyGrain>(IRatingMethodologyGrain.Key).SetVersion(call.Actor, methodology);
        return problems.Count == 0 ? TypedResults.NoContent() : LocalizedProblems.Rejected(call.Http, BatchOutcome.Rejected(problems));
    }
}
