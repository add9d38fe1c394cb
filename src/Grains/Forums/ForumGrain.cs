using EduInfo.Domain.Calendar;
using EduInfo.Domain.Forums;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Forums;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Forums;

/// <summary>
/// A forum (issue 23), keyed by its node's id: the one writer of its threads and posts. It keeps the forum's place,
/// moderation and blocked authors live; every write is authorized here, its text checked (<see cref="ForumText"/>),
/// scanned for personal data (<see cref="PersonalDataScan"/>), rendered inert (<see cref="ForumMarkup"/>) and written with
/// its audit row in one transaction.
/// </summary>
public sealed class ForumGrain(ForumStore store, ServiceDesk desk, IKazakhstanClock clock, IOptions<ForumLimits> options) : Grain, IForumGrain
{
    private ForumPlace? _place;
    private ForumSettings? _settings;

    private string ForumId => this.GetPrimaryKeyString();

    private ForumRate Rate => new(options.Value.PostsPerWindow, options.Value.RateWindow);

    public async Task<ForumOutcome> Ask(Actor actor, AskRequest request)
    {
        if (await MayNotPostAsync(actor) is { } refused)
        {
            return refused;
        }
        if (request.ThreadId == Guid.Empty)
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "threadId", "idRequired");
        }
        if (await store.OwnerOfAsync(request.ThreadId) is { } owner)
        {
            // The id is the client's idempotency key: its own retry (same author, forum and thread) answers as the first did.
            return Retried(owner, actor, request.ThreadId, request.ThreadId, "threadId");
        }
        var title = ForumChecks.Problems(ForumText.Check("title", request.Title, ForumText.MaxTitleLength, multiline: false));
        var body = ForumChecks.Body("body", request.Body);
        if (title.Problems.Count + body.Problems.Count > 0)
        {
            return Invalid([.. title.Problems, .. body.Problems]);
        }
        var now = clock.UtcNow;
        var question = await PostOfAsync(actor, request.ThreadId, request.ThreadId, ForumPostKind.Question, title.Text, body, now);
        var written = await store.AskAsync(question, title.Text!, (await desk.CalendarAsync()).FiledOn(now), Rate, Audit(actor, "forum.ask"));
        return await WrittenAsync(written, question, actor, "threadId");
    }

    public async Task<ForumOutcome> Reply(Actor actor, Guid threadId, ReplyRequest request)
    {
        if (await MayNotPostAsync(actor) is { } refused)
        {
            return refused;
        }
        if (request.PostId == Guid.Empty)
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "postId", "idRequired");
        }
        if (await store.OwnerOfAsync(request.PostId) is { } owner)
        {
            return Retried(owner, actor, threadId, request.PostId, "postId");
        }
        var body = ForumChecks.Body("body", request.Body);
        if (body.Problems.Count > 0)
        {
            return Invalid(body.Problems);
        }
        var kind = ForumParties.Answers(actor, _place!.Kind, ForumId) ? ForumPostKind.Answer : ForumPostKind.Reply;
        var post = await PostOfAsync(actor, request.PostId, threadId, kind, null, body, clock.UtcNow);
        var written = await store.ReplyAsync(post, ForumParties.Moderates(actor, _place.Kind, _place.Path), Rate, Audit(actor, "forum.reply"));
        return await WrittenAsync(written, post, actor, "postId");
    }

    public async Task<ForumOutcome> Close(Actor actor, Guid threadId)
    {
        // A thread is its question's post: one the caller cannot see (waiting, or deleted) is not there to close.
        if (await SeenAsync(actor, threadId) is not { Kind: ForumPostKind.Question } question)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Answers(actor, _place!.Kind, ForumId) && !ForumParties.Moderates(actor, _place.Kind, _place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        return question.ThreadClosed || await store.CloseAsync(ForumId, threadId, actor.UserId, clock.UtcNow, Audit(actor, "forum.close")) != ForumWrite.Done
            ? ForumOutcome.Refused(ForumStatus.Conflict, "threadId", "threadClosed")
            : ForumOutcome.Done(threadId);
    }

    public async Task<ForumOutcome> Report(Actor actor, Guid postId, ReportRequest request)
    {
        if (await SeenAsync(actor, postId) is not { } post)
        {
            return ForumOutcome.NotFound;
        }
        if (request.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "reason", "reasonRequired");
        }
        await store.ReportAsync(postId, actor.UserId, reason, clock.UtcNow, Audit(actor, "forum.report"));
        return ForumOutcome.Done(postId, post.State);
    }

    public async Task<ForumOutcome> Moderate(Actor actor, Guid postId, ModerationRequest request)
    {
        if (await PlaceAsync() is not { } place || await store.PostAsync(ForumId, postId) is not { } post)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, place.Kind, place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        if (request.Action is not { } action || !Enum.IsDefined(action))
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "action", "actionRequired");
        }
        var reason = ForumRules.NeedsReason(action) || request.Reason is not null ? ForumChecks.Reason(request.Reason) : ("", []);
        var edit = action == ModerationAction.Edit;
        var body = edit ? ForumChecks.Body("body", request.Body) : (null, null, []);
        (string? Text, IReadOnlyList<ForumProblem> Problems) title = request.Title is null ? (null, [])
            : edit && post.Kind == ForumPostKind.Question ? ForumChecks.Problems(ForumText.Check("title", request.Title, ForumText.MaxTitleLength, multiline: false))
            : (null, [new ForumProblem("title", "titleOnlyForQuestion")]);
        if (reason.Problems.Count + body.Problems.Count + title.Problems.Count > 0)
        {
            return new ForumOutcome(ForumStatus.Invalid, [.. reason.Problems, .. body.Problems, .. title.Problems]);
        }
        if (ForumRules.After(post.State, action) is not { } to)
        {
            return ForumOutcome.Refused(ForumStatus.Conflict, "action", "stateForbids");
        }
        var now = clock.UtcNow;
        var decision = new ForumDecision(to, reason.Text!, body.Text, body.Html, title.Text, (await desk.CalendarAsync()).FiledOn(now), actor.UserId, now);
        var written = await store.ModerateAsync(post, decision, Audit(actor, $"forum.{ApplicationStore.Text(action)}"));
        return written == ForumWrite.Done ? ForumOutcome.Done(postId, to) : ForumOutcome.Refused(ForumStatus.Conflict, "action", "changed");
    }

    public async Task<ForumOutcome> Block(Actor actor, Guid postId, BlockRequest request)
    {
        if (await PlaceAsync() is not { } place || await store.PostAsync(ForumId, postId) is not { } post)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, place.Kind, place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        var reason = ForumChecks.Reason(request.Reason);
        IReadOnlyList<ForumProblem> missing = request.Blocked is null ? [new ForumProblem("blocked", "blockedRequired")] : [];
        if (reason.Problems.Count + missing.Count > 0)
        {
            return new ForumOutcome(ForumStatus.Invalid, [.. missing, .. reason.Problems]);
        }
        var blocking = request.Blocked!.Value;
        await store.BlockAsync(ForumId, post.AuthorId, blocking, reason.Text!, actor.UserId, clock.UtcNow, postId,
            Audit(actor, blocking ? "forum.block" : "forum.unblock"));
        var settings = await SettingsAsync();
        var blocked = new HashSet<string>(settings.Blocked, StringComparer.Ordinal);
        if (blocking)
        {
            blocked.Add(post.AuthorId);
        }
        else
        {
            blocked.Remove(post.AuthorId);
        }
        _settings = settings with { Blocked = blocked };
        return ForumOutcome.Done(postId);
    }

    public async Task<ForumOutcome> ChangeSettings(Actor actor, ForumSettingsRequest request)
    {
        if (await PlaceAsync() is not { } place)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, place.Kind, place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        if (request.Moderation is not { } moderation || !Enum.IsDefined(moderation))
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "moderation", "moderationRequired");
        }
        await store.SetModerationAsync(ForumId, moderation, actor.UserId, clock.UtcNow, Audit(actor, "forum.settings"));
        _settings = await SettingsAsync() with { Moderation = moderation };
        return new ForumOutcome(ForumStatus.Done, []);
    }

    /// <summary>
    /// The forum's place, read again for every write: an organization closed (or moved) meanwhile takes no more posts. The
    /// settings and blocks are this grain's own writes and stay in memory.
    /// </summary>
    private async Task<ForumPlace?> PlaceAsync() => _place = await store.PlaceAsync(ForumId);

    private async Task<ForumSettings> SettingsAsync() => _settings ??= await store.SettingsAsync(ForumId);

    private async Task<ForumOutcome?> MayNotPostAsync(Actor actor) =>
        await PlaceAsync() is null ? ForumOutcome.NotFound
        : !ForumParties.MayPost(actor) ? ForumOutcome.Forbidden
        : (await SettingsAsync()).Blocked.Contains(actor.UserId) ? ForumOutcome.Refused(ForumStatus.Forbidden, "forum", "blocked")
        : null;

    /// <summary>A post of this forum as the caller may see it (<see cref="ForumRules.Sees"/>), or null: a hidden one is not there.</summary>
    private async Task<ForumPostRecord?> SeenAsync(Actor actor, Guid postId) =>
        await PlaceAsync() is { } place && await store.PostAsync(ForumId, postId) is { } post
            && ForumRules.Sees(post.State, post.AuthorId == actor.UserId, post.QuestionState, post.QuestionAuthorId == actor.UserId,
                ForumParties.Moderates(actor, place.Kind, place.Path))
            ? post
            : null;

    private ForumOutcome Retried(ForumIdOwner owner, Actor actor, Guid threadId, Guid id, string field) =>
        owner == new ForumIdOwner(actor.UserId, ForumId, threadId)
            ? ForumOutcome.Done(id)
            : ForumOutcome.Refused(ForumStatus.Conflict, field, "idTaken");

    /// <summary>
    /// The post as it will be written: who is shown, the state it arrives in (personal data in the title, the Markdown or
    /// its rendered text holds it), the inert HTML.
    /// </summary>
    private async Task<NewForumPost> PostOfAsync(Actor actor, Guid id, Guid threadId, ForumPostKind kind, string? title,
        (string? Text, string? Html, IReadOnlyList<ForumProblem> _) body, DateTimeOffset at)
    {
        var authorKind = ForumParties.AuthorOf(actor, _place!.Kind, ForumId);
        string? shown = null;
        if (ForumParties.ShownPerson(actor, authorKind) is { } person && await store.PersonNameAsync(authorKind, person) is { } name)
        {
            shown = ForumNames.StudentShown(name.FirstName, name.LastName);
        }
        var personal = PersonalDataScan.Find(string.Join('\n', title, body.Text, ForumMarkup.TextOf(body.Html!)));
        var state = ForumRules.Arriving((await SettingsAsync()).Moderation, authorKind, kind == ForumPostKind.Answer, [.. personal]);
        return new NewForumPost(id, threadId, ForumId, kind, actor.UserId, authorKind, shown, body.Text!, body.Html!, state, personal, at);
    }

    private async Task<ForumOutcome> WrittenAsync(ForumWrite written, NewForumPost post, Actor actor, string field) => written switch
    {
        ForumWrite.Done => ForumOutcome.Done(post.Id, post.State, post.HeldFor),
        // A write of this id got in between the check and the insert: the first one stands, the caller's own retry or another's id.
        ForumWrite.Exists => await store.OwnerOfAsync(post.Id) is { } owner
            ? Retried(owner, actor, post.ThreadId, post.Id, field)
            : ForumOutcome.Refused(ForumStatus.Conflict, field, "idTaken"),
        ForumWrite.RateLimited => ForumOutcome.Refused(ForumStatus.TooMany, "body", "rateLimited"),
        ForumWrite.NotFound => ForumOutcome.NotFound,
        _ => ForumOutcome.Refused(ForumStatus.Conflict, "threadId", "threadClosed"),
    };

    private static ForumOutcome Invalid(IEnumerable<ForumProblem> problems) => new(ForumStatus.Invalid, [.. problems]);

    private AuditEntry Audit(Actor actor, string action) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "forum", ForumId, _place?.Kind == ForumKind.Organization ? ForumId : null, "committed");
}
