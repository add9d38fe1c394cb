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
    private const int MaxReasonLength = 500;
    private ForumPlace? _place;
    private ForumSettings _settings = new(ForumModeration.Pre, new HashSet<string>());

    private string ForumId => this.GetPrimaryKeyString();

    private ForumRate Rate => new(options.Value.PostsPerWindow, options.Value.RateWindow);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _place = await store.PlaceAsync(ForumId, cancellationToken);
        if (_place is not null)
        {
            _settings = await store.SettingsAsync(ForumId, cancellationToken);
        }
    }

    public async Task<ForumOutcome> Ask(Actor actor, AskRequest request)
    {
        if (MayNotPost(actor) is { } refused)
        {
            return refused;
        }
        if (await store.AuthorOfAsync(request.ThreadId) is { } author)
        {
            // The id is the client's idempotency key: its own retry answers as the first did; another's id is taken.
            return author == actor.UserId ? ForumOutcome.Done(request.ThreadId) : ForumOutcome.Refused(ForumStatus.Conflict, "threadId", "idTaken");
        }
        var title = ForumText.Check("title", request.Title, ForumText.MaxTitleLength, multiline: false);
        var body = ForumText.Check("body", request.Body, ForumText.MaxBodyLength, multiline: true);
        if (title.Problems.Count + body.Problems.Count > 0)
        {
            return Invalid([.. title.Problems, .. body.Problems]);
        }
        var now = clock.UtcNow;
        var question = await PostOfAsync(actor, request.ThreadId, request.ThreadId, ForumPostKind.Question, title.Text + "\n" + body.Text, body.Text!, now);
        var written = await store.AskAsync(question, title.Text!, (await desk.CalendarAsync()).FiledOn(now), Rate, Audit(actor, "forum.ask"));
        return Written(written, question);
    }

    public async Task<ForumOutcome> Reply(Actor actor, Guid threadId, ReplyRequest request)
    {
        if (MayNotPost(actor) is { } refused)
        {
            return refused;
        }
        if (await store.AuthorOfAsync(request.PostId) is { } author)
        {
            return author == actor.UserId ? ForumOutcome.Done(request.PostId) : ForumOutcome.Refused(ForumStatus.Conflict, "postId", "idTaken");
        }
        var body = ForumText.Check("body", request.Body, ForumText.MaxBodyLength, multiline: true);
        if (body.Problems.Count > 0)
        {
            return Invalid(body.Problems);
        }
        var kind = ForumParties.Answers(actor, _place!.Kind, ForumId) ? ForumPostKind.Answer : ForumPostKind.Reply;
        var post = await PostOfAsync(actor, request.PostId, threadId, kind, body.Text!, body.Text!, clock.UtcNow);
        return Written(await store.ReplyAsync(post, ForumParties.Moderates(actor, _place.Path), Rate, Audit(actor, "forum.reply")), post);
    }

    public async Task<ForumOutcome> Close(Actor actor, Guid threadId)
    {
        if (_place is null || await store.ThreadClosedAsync(ForumId, threadId) is not { } closed)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Answers(actor, _place.Kind, ForumId) && !ForumParties.Moderates(actor, _place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        return closed || await store.CloseAsync(ForumId, threadId, actor.UserId, clock.UtcNow, Audit(actor, "forum.close")) != ForumWrite.Done
            ? ForumOutcome.Refused(ForumStatus.Conflict, "threadId", "threadClosed")
            : ForumOutcome.Done(threadId);
    }

    public async Task<ForumOutcome> Report(Actor actor, Guid postId, ReportRequest request)
    {
        if (_place is null || await store.PostAsync(ForumId, postId) is not { } post
            || (post.State != ForumPostState.Published && post.AuthorId != actor.UserId))
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
        if (_place is null || await store.PostAsync(ForumId, postId) is not { } post)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, _place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        if (request.Action is not { } action || !Enum.IsDefined(action))
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "action", "actionRequired");
        }
        var reason = ForumRules.NeedsReason(action) || request.Reason is not null
            ? ForumText.Check("reason", request.Reason, MaxReasonLength, multiline: false)
            : ("", []);
        (string? Text, IReadOnlyList<ForumTextProblem> Problems) body = action == ModerationAction.Edit
            ? ForumText.Check("body", request.Body, ForumText.MaxBodyLength, multiline: true)
            : (null, []);
        if (reason.Problems.Count + body.Problems.Count > 0)
        {
            return Invalid([.. reason.Problems, .. body.Problems]);
        }
        if (ForumRules.After(post.State, action) is not { } to)
        {
            return ForumOutcome.Refused(ForumStatus.Conflict, "action", "stateForbids");
        }
        var written = await store.ModerateAsync(post, to, body.Text, body.Text is { } edited ? ForumMarkup.Render(edited) : null, reason.Text!,
            actor.UserId, clock.UtcNow, Audit(actor, $"forum.{ApplicationStore.Text(action)}"));
        return written == ForumWrite.Done ? ForumOutcome.Done(postId, to) : ForumOutcome.Refused(ForumStatus.Conflict, "action", "changed");
    }

    public async Task<ForumOutcome> Block(Actor actor, Guid postId, BlockRequest request)
    {
        if (_place is null || await store.PostAsync(ForumId, postId) is not { } post)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, _place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        var reason = ForumText.Check("reason", request.Reason, MaxReasonLength, multiline: false);
        if (reason.Problems.Count > 0)
        {
            return Invalid(reason.Problems);
        }
        await store.BlockAsync(ForumId, post.AuthorId, request.Blocked, reason.Text!, actor.UserId, clock.UtcNow, postId,
            Audit(actor, request.Blocked ? "forum.block" : "forum.unblock"));
        var blocked = new HashSet<string>(_settings.Blocked, StringComparer.Ordinal);
        if (request.Blocked)
        {
            blocked.Add(post.AuthorId);
        }
        else
        {
            blocked.Remove(post.AuthorId);
        }
        _settings = _settings with { Blocked = blocked };
        return ForumOutcome.Done(postId);
    }

    public async Task<ForumOutcome> ChangeSettings(Actor actor, ForumSettingsRequest request)
    {
        if (_place is null)
        {
            return ForumOutcome.NotFound;
        }
        if (!ForumParties.Moderates(actor, _place.Path))
        {
            return ForumOutcome.Forbidden;
        }
        if (request.Moderation is not { } moderation || !Enum.IsDefined(moderation))
        {
            return ForumOutcome.Refused(ForumStatus.Invalid, "moderation", "moderationRequired");
        }
        await store.SetModerationAsync(ForumId, moderation, actor.UserId, clock.UtcNow, Audit(actor, "forum.settings"));
        _settings = _settings with { Moderation = moderation };
        return new ForumOutcome(ForumStatus.Done, []);
    }

    private ForumOutcome? MayNotPost(Actor actor) =>
        _place is null ? ForumOutcome.NotFound
        : !ForumParties.MayPost(actor) ? ForumOutcome.Forbidden
        : _settings.Blocked.Contains(actor.UserId) ? ForumOutcome.Refused(ForumStatus.Forbidden, "forum", "blocked")
        : null;

    /// <summary>The post as it will be written: who is shown, the state it arrives in (personal data holds it), the inert HTML.</summary>
    private async Task<NewForumPost> PostOfAsync(Actor actor, Guid id, Guid threadId, ForumPostKind kind, string scanned, string body, DateTimeOffset at)
    {
        var authorKind = ForumParties.AuthorOf(actor, _place!.Kind, ForumId);
        string? shown = null;
        if (ForumParties.ShownPerson(actor, authorKind) is { } person && await store.PersonNameAsync(authorKind, person) is { } name)
        {
            shown = ForumNames.StudentShown(name.FirstName, name.LastName);
        }
        var personal = PersonalDataScan.Find(scanned);
        var state = ForumRules.Arriving(_settings.Moderation, authorKind, kind == ForumPostKind.Answer, [.. personal]);
        return new NewForumPost(id, threadId, ForumId, kind, actor.UserId, authorKind, shown, body, ForumMarkup.Render(body), state, personal, at);
    }

    private static ForumOutcome Written(ForumWrite written, NewForumPost post) => written switch
    {
        ForumWrite.Done or ForumWrite.Exists => ForumOutcome.Done(post.Kind == ForumPostKind.Question ? post.ThreadId : post.Id, post.State),
        ForumWrite.RateLimited => ForumOutcome.Refused(ForumStatus.TooMany, "body", "rateLimited"),
        ForumWrite.NotFound => ForumOutcome.NotFound,
        _ => ForumOutcome.Refused(ForumStatus.Conflict, "threadId", "threadClosed"),
    };

    private static ForumOutcome Invalid(IEnumerable<ForumTextProblem> problems) =>
        new(ForumStatus.Invalid, [.. problems.Select(p => new ForumProblem(p.Field, ApplicationStore.Text(p.Error)))]);

    private AuditEntry Audit(Actor actor, string action) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "forum", ForumId, _place?.Kind == ForumKind.Organization ? ForumId : null, "committed");
}
