using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The forums (issue 23; order point 12.3): anyone reads an organization's or office's forum; the signed-in ask and
/// reply, the forum's head or office answers and closes; readers report; the officers over it moderate (approve, reject,
/// edit, delete), block an author and switch its moderation; they read their area's queue and unanswered questions.
/// Every write goes through the forum's grain, which authorizes it.
/// </summary>
public static class ForumEndpoints
{
    public static RouteGroupBuilder MapPublicForumEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/forums").WithTags("Forums").AllowAnonymous();
        open.MapGet("/{forumId}", Forum).WithName("GetForum")
            .WithSummary("A forum and its threads: published ones for everyone; an author's own waiting ones; every one for its moderators");
        open.MapGet("/{forumId}/threads/{threadId:guid}", Thread).WithName("GetForumThread")
            .WithSummary("A thread and its posts (inert HTML; students by first name and initial, the forum's own by role)");
        return api;
    }

    public static RouteGroupBuilder MapForumEndpoints(this RouteGroupBuilder api)
    {
        var forum = api.MapGroup("/forums/{forumId}").WithTags("Forums");
        forum.MapPost("/threads", Ask).RequireCaller().WithName("AskForumQuestion")
            .WithSummary("Ask a question (Markdown): pre-moderated unless the forum is post-moderated; a student's always waits; personal data holds it");
        forum.MapPost("/threads/{threadId:guid}/posts", Reply).RequireCaller().WithName("ReplyInForumThread")
            .WithSummary("Post in an open thread; the forum's head or office answers officially");
        forum.MapPost("/threads/{threadId:guid}/close", Close).RequireCaller().WithName("CloseForumThread")
            .WithSummary("The forum's head or office, or a moderator, closes a thread (audited)");
        forum.MapPost("/posts/{postId:guid}/reports", Report).RequireCaller().WithName("ReportForumPost")
            .WithSummary("Report a post to the moderators (once per reader)");
        forum.MapPost("/posts/{postId:guid}/moderation", Moderate).RequireCaller().WithName("ModerateForumPost")
            .WithSummary("The officers over the forum approve, reject, edit or delete a post, with a reason (the earlier text kept for the audit)");
        forum.MapPost("/posts/{postId:guid}/block", Block).RequireCaller().WithName("BlockForumAuthor")
            .WithSummary("The officers over the forum block (or unblock) a post's author from posting in it, with a reason");
        forum.MapPut("/settings", Settings).RequireCaller().WithName("ChangeForumSettings")
            .WithSummary("The officers over the forum switch it between pre- and post-moderation (audited)");
        var area = api.MapGroup("/nodes/{nodeId}").WithTags("Forums");
        area.MapGet("/forum-queue", Queue).RequireNode(ForumParties.OverseesArea).WithName("ListForumModerationQueue")
            .WithSummary("Posts waiting for the area's moderators: pending, held for personal data, or reported; oldest first, a page after ?after={postId}");
        area.MapGet("/forum-unanswered", Unanswered).RequireNode(ForumParties.OverseesArea).WithName("ListUnansweredForumQuestions")
            .WithSummary("Questions without an official answer after the term in working days, per organization or office of the area");
        return api;
    }

    private static async Task<Results<Ok<ForumResponse>, ProblemHttpResult>> Forum(string forumId, HttpContext http, ActorResolver actors, ForumRead read,
        CancellationToken aborted) =>
        await read.ThreadsAsync(forumId, actors.Resolve(http), RequestLanguage.Of(http), aborted) is { } forum
            ? TypedResults.Ok(forum)
            : LocalizedProblems.NotFound(http, "problem.notFound.forum");

    private static async Task<Results<Ok<ForumThreadDetailResponse>, ProblemHttpResult>> Thread(string forumId, Guid threadId, HttpContext http,
        ActorResolver actors, ForumRead read, CancellationToken aborted) =>
        await read.ThreadAsync(forumId, threadId, actors.Resolve(http), RequestLanguage.Of(http), aborted) is { } thread
            ? TypedResults.Ok(thread)
            : LocalizedProblems.NotFound(http, "problem.notFound.forumThread");

    private static async Task<Results<Created<ForumWriteResponse>, ProblemHttpResult>> Ask(string forumId, AskRequest question, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IForumGrain>(forumId).Ask(call.Actor, question);
        return outcome is { Status: ForumStatus.Done, Id: { } id }
            ? TypedResults.Created($"/api/v1/forums/{forumId}/threads/{id}", Written(call.Http, outcome))
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Created<ForumWriteResponse>, ProblemHttpResult>> Reply(string forumId, Guid threadId, ReplyRequest post,
        [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IForumGrain>(forumId).Reply(call.Actor, threadId, post);
        return outcome.Status == ForumStatus.Done
            ? TypedResults.Created($"/api/v1/forums/{forumId}/threads/{threadId}", Written(call.Http, outcome))
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Ok<ForumWriteResponse>, ProblemHttpResult>> Close(string forumId, Guid threadId, [AsParameters] EndpointCall call) =>
        Answer(call.Http, await call.Grains.GetGrain<IForumGrain>(forumId).Close(call.Actor, threadId));

    private static async Task<Results<Ok<ForumWriteResponse>, ProblemHttpResult>> Report(string forumId, Guid postId, ReportRequest report,
        [AsParameters] EndpointCall call) =>
        Answer(call.Http, await call.Grains.GetGrain<IForumGrain>(forumId).Report(call.Actor, postId, report));

    private static async Task<Results<Ok<ForumWriteResponse>, ProblemHttpResult>> Moderate(string forumId, Guid postId, ModerationRequest decision,
        [AsParameters] EndpointCall call) =>
        Answer(call.Http, await call.Grains.GetGrain<IForumGrain>(forumId).Moderate(call.Actor, postId, decision));

    private static async Task<Results<Ok<ForumWriteResponse>, ProblemHttpResult>> Block(string forumId, Guid postId, BlockRequest block,
        [AsParameters] EndpointCall call) =>
        Answer(call.Http, await call.Grains.GetGrain<IForumGrain>(forumId).Block(call.Actor, postId, block));

    private static async Task<Results<NoContent, ProblemHttpResult>> Settings(string forumId, ForumSettingsRequest settings, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IForumGrain>(forumId).ChangeSettings(call.Actor, settings);
        return outcome.Status == ForumStatus.Done ? TypedResults.NoContent() : Refused(call.Http, outcome);
    }

    // A class has no forum and lies in no forum's area.
    private static async Task<Results<Ok<ModerationQueueResponse>, ProblemHttpResult>> Queue(string nodeId, Guid? after, ForumRead read,
        [AsParameters] EndpointCall call) =>
        call.Caller.Node.Kind == NodeKind.Class
            ? LocalizedProblems.NotFound(call.Http, "problem.notFound.forum")
            : TypedResults.Ok(await read.QueueAsync(nodeId, RequestLanguage.Of(call.Http), call.Aborted, after));

    private static async Task<Results<Ok<UnansweredResponse>, ProblemHttpResult>> Unanswered(string nodeId, ForumRead read, [AsParameters] EndpointCall call) =>
        call.Caller.Node.Kind == NodeKind.Class
            ? LocalizedProblems.NotFound(call.Http, "problem.notFound.forum")
            : TypedResults.Ok(await read.UnansweredAsync(nodeId, RequestLanguage.Of(call.Http), call.Aborted));

    private static Results<Ok<ForumWriteResponse>, ProblemHttpResult> Answer(HttpContext http, ForumOutcome outcome) =>
        outcome.Status == ForumStatus.Done ? TypedResults.Ok(Written(http, outcome)) : Refused(http, outcome);

    private static ForumWriteResponse Written(HttpContext http, ForumOutcome outcome) =>
        new(outcome.Id ?? Guid.Empty, outcome.State, outcome.State is { } state ? ForumRead.Notice(state, outcome.HeldFor ?? [], RequestLanguage.Of(http)) : null);

    internal static ProblemHttpResult Refused(HttpContext http, ForumOutcome outcome)
    {
        var language = RequestLanguage.Of(http);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = outcome.Problems.Select(p => new FieldError(p.Field, p.Code, Messages.Get($"forum.error.{p.Code}", language))).ToList(),
        };
        return outcome.Status switch
        {
            ForumStatus.NotFound => LocalizedProblems.NotFound(http, "problem.notFound.forumThread"),
            ForumStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(http),
            ForumStatus.Forbidden => LocalizedProblems.Create(http, StatusCodes.Status403Forbidden, "forum-blocked", "problem.forbidden.title",
                "forum.error.blocked", extensions),
            ForumStatus.Conflict => LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "forum-conflict", "problem.forumConflict.title", null, extensions),
            ForumStatus.TooMany => LocalizedProblems.Create(http, StatusCodes.Status429TooManyRequests, "forum-rate", "problem.forumRate.title",
                "forum.error.rateLimited", extensions),
            _ => LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.forumInvalid.detail", extensions),
        };
    }
}
