using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Domain.Forums;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the forum pages report after a form post.</summary>
public enum ForumNotice
{
    Asked,
    Replied,
    Closed,
    Reported,
    Moderated,
    Blocked,
    Unblocked,
    Switched,
    Refused,
}

/// <summary>
/// The forum pages' forms (issue 23; antiforgery-validated): ask, reply, close, report, moderate, block, switch the
/// moderation. Each goes through the forum's grain as the API does (the one write path: same rules, same audit) and
/// answers 303 back to the thread, the forum or the moderation queue with a notice; a refusal carries its problems'
/// codes (the page shows only codes it knows). A thread or post the caller may not see is the same 404 as none.
/// </summary>
public static class ForumForms
{
    public static WebApplication MapForumForms(this WebApplication app)
    {
        var forms = app.MapGroup("/forums/{forumId}").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/threads", Ask);
        forms.MapPost("/threads/{threadId:guid}/posts", Reply);
        // Closing binds no form field, so the token check is asked for (form binding asks for it on the others).
        forms.MapPost("/threads/{threadId:guid}/close", Close).WithMetadata(new RequireAntiforgeryTokenAttribute());
        forms.MapPost("/posts/{postId:guid}/reports", Report);
        forms.MapPost("/posts/{postId:guid}/moderation", Moderate);
        forms.MapPost("/posts/{postId:guid}/block", Block);
        forms.MapPost("/settings", Settings);
        return app;
    }

    public sealed record FormCall(HttpContext Http, ActorResolver Actors, IGrainFactory Grains, string ForumId);

    /// <summary>Where a post's form sends the reader back: its thread, or the area's moderation queue it was decided from.</summary>
    public sealed record Return(
        [FromForm(Name = "threadId")] string? ThreadId,
        [FromForm(Name = "queue")] string? Queue);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Ask([FromForm(Name = "threadId")] string? threadId, [FromForm(Name = "title")] string? title,
        [FromForm(Name = "body")] string? body, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        // The id is made when the form is rendered: a double click or a resent post is one question.
        var id = Guid.TryParse(threadId, out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call).Ask(Actor(call), new AskRequest(id, title, body));
        return outcome.Status == ForumStatus.Done
            ? Back($"{Forum(call)}/threads/{id}", ForumNotice.Asked, outcome)
            : Refused(call, Forum(call), outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Reply(Guid threadId, [FromForm(Name = "postId")] string? postId,
        [FromForm(Name = "body")] string? body, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var id = Guid.TryParse(postId, out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call).Reply(Actor(call), threadId, new ReplyRequest(id, body));
        return Answer(call, $"{Forum(call)}/threads/{threadId}", ForumNotice.Replied, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Close(Guid threadId, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var outcome = await Grain(call).Close(Actor(call), threadId);
        return Answer(call, $"{Forum(call)}/threads/{threadId}", ForumNotice.Closed, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Report(Guid postId, [FromForm(Name = "reason")] string? reason,
        [AsParameters] Return back, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var outcome = await Grain(call).Report(Actor(call), postId, new ReportRequest(ApplicationForms.EnumOf<ReportReason>(reason)));
        return Answer(call, BackTo(call, back), ForumNotice.Reported, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Moderate(Guid postId, [FromForm(Name = "action")] string? action,
        [FromForm(Name = "reason")] string? reason, [FromForm(Name = "body")] string? body, [FromForm(Name = "title")] string? title,
        [AsParameters] Return back, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var decided = ApplicationForms.EnumOf<ModerationAction>(action);
        // The form carries a question's title whatever the action: it is a change only with an edit.
        var outcome = await Grain(call).Moderate(Actor(call), postId,
            new ModerationRequest(decided, Blank(reason), Blank(body), decided == ModerationAction.Edit ? Blank(title) : null));
        return Answer(call, BackTo(call, back), ForumNotice.Moderated, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Block(Guid postId, [FromForm(Name = "blocked")] string? blocked,
        [FromForm(Name = "reason")] string? reason, [AsParameters] Return back, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var block = blocked != "false";
        var outcome = await Grain(call).Block(Actor(call), postId, new BlockRequest(block, Blank(reason)));
        return Answer(call, BackTo(call, back), block ? ForumNotice.Blocked : ForumNotice.Unblocked, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Settings([FromForm(Name = "moderation")] string? moderation, [AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var outcome = await Grain(call).ChangeSettings(Actor(call), new ForumSettingsRequest(ApplicationForms.EnumOf<ForumModeration>(moderation)));
        return Answer(call, Forum(call), ForumNotice.Switched, outcome);
    }

    /// <summary>The one gate, in this order: a valid antiforgery token (400), a signed-in caller (401), a well-formed forum id (404).</summary>
    private static ProblemHttpResult? Admit(FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? (!RegistryIds.IsWellFormed(call.ForumId) ? LocalizedProblems.NotFound(call.Http, "problem.notFound.forum") : null);

    private static IForumGrain Grain(FormCall call) => call.Grains.GetGrain<IForumGrain>(call.ForumId);

    private static Grains.Interfaces.Actors.Actor Actor(FormCall call) => call.Actors.Resolve(call.Http)!;

    private static string Forum(FormCall call) => $"/forums/{Uri.EscapeDataString(call.ForumId)}";

    /// <summary>Back to the queue of an area (its id well-formed) when the form came from it, else to the thread, else to the forum: never an address from the form.</summary>
    private static string BackTo(FormCall call, Return back) =>
        back.Queue is { } queue && RegistryIds.IsWellFormed(queue) ? $"/nodes/{Uri.EscapeDataString(queue)}/forum-queue"
        : Guid.TryParse(back.ThreadId, out var thread) ? $"{Forum(call)}/threads/{thread}"
        : Forum(call);

    private static Results<SeeOther, ProblemHttpResult> Answer(FormCall call, string back, ForumNotice done, ForumOutcome outcome) =>
        outcome.Status == ForumStatus.Done ? Back(back, done, outcome) : Refused(call, back, outcome);

    /// <summary>What the caller may not see is a 404 page, what is not theirs to do a 403; anything else goes back with its codes.</summary>
    private static Results<SeeOther, ProblemHttpResult> Refused(FormCall call, string back, ForumOutcome outcome) => outcome.Status switch
    {
        ForumStatus.NotFound => LocalizedProblems.NotFound(call.Http, "problem.notFound.forumThread"),
        ForumStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(call.Http),
        _ => Back(back, ForumNotice.Refused, outcome),
    };

    private static SeeOther Back(string path, ForumNotice notice, ForumOutcome outcome) =>
        PageForms.Back(path, notice, notice == ForumNotice.Refused ? outcome.Problems.Select(p => p.Code) : []);

    public static IReadOnlyList<string> ErrorTexts(IEnumerable<string>? codes, string language) => PageForms.ErrorTexts(codes, language, "forum.error");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
