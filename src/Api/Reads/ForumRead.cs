using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Forums;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Forums;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Options;

namespace EduInfo.Api.Reads;

/// <summary>
/// The forums as their readers see them (issue 23): anyone reads the published threads of an organization's or office's
/// forum; a signed-in author also sees their own posts waiting and why; the area's officers see everything but what was
/// deleted, the moderation queue and the questions left unanswered. Reads the rows of record; writes go through the forum grains.
/// </summary>
public sealed class ForumRead(ForumStore store, NodeDirectory directory, ServiceDesk desk, IKazakhstanClock clock, IOptions<ForumLimits> options)
{
    private const int ThreadsShown = 100;
    private const int QueueShown = 200;

    /// <summary>The forum of an organization, district or region; null for any other node (a class, the republic) or none.</summary>
    public async Task<(ForumKind Kind, NodeRecord Node)?> ForumAsync(string forumId, CancellationToken cancellationToken) =>
        await directory.FindAsync(forumId, cancellationToken) is { ClosedOn: null } node
            && node.Kind switch { NodeKind.Organization => ForumKind.Organization, NodeKind.District => ForumKind.District, NodeKind.Region => ForumKind.Region, _ => (ForumKind?)null }
                is { } kind
            ? (kind, node)
            : null;

    public async Task<ForumResponse?> ThreadsAsync(string forumId, Actor? viewer, string language, CancellationToken cancellationToken)
    {
        if (await ForumAsync(forumId, cancellationToken) is not var (kind, node))
        {
            return null;
        }
        var moderates = viewer is not null && ForumParties.Moderates(viewer, kind, node.Path);
        var threads = await store.ThreadsAsync(forumId, viewer?.UserId, moderates, ThreadsShown, cancellationToken);
        var settings = await store.SettingsAsync(forumId, cancellationToken);
        return new ForumResponse(forumId, kind, NameOf(node, language), settings.Moderation,
            viewer is not null && ForumParties.MayPost(viewer) && !settings.Blocked.Contains(viewer.UserId),
            viewer is not null && ForumParties.Answers(viewer, kind, forumId), moderates,
            [.. threads.Select(t => new ForumThreadResponse(t.Id, t.Title, t.AskedAt, t.Answered, t.Closed, t.Posts, t.LastPostAt, t.QuestionState, t.Mine))]);
    }

    public async Task<ForumThreadDetailResponse?> ThreadAsync(string forumId, Guid threadId, Actor? viewer, string language, CancellationToken cancellationToken)
    {
        if (await ForumAsync(forumId, cancellationToken) is not var (kind, node))
        {
            return null;
        }
        var moderates = viewer is not null && ForumParties.Moderates(viewer, kind, node.Path);
        if (await store.ThreadAsync(forumId, threadId, viewer?.UserId, moderates, cancellationToken) is not { } thread)
        {
            return null;
        }
        return new ForumThreadDetailResponse(thread.Id, forumId, NameOf(node, language), thread.Title, thread.AskedAt, thread.Answered, thread.Closed,
            [.. thread.Posts.Select(p => new ForumPostResponse(p.Id, p.Kind, p.AuthorKind, Author(p.AuthorKind, p.AuthorShown, node, language),
                p.AuthorKind is ForumAuthorKind.Head or ForumAuthorKind.Office, p.BodyHtml, p.PostedAt, p.State, p.HeldFor,
                p.Mine || moderates ? Notice(p.State, p.HeldFor, language) : null, p.Reason, p.Mine, p.Edited, p.Body))]);
    }

    /// <summary>A page of the area's queue after the post <paramref name="after"/>; Next names the last item when more may follow.</summary>
    public async Task<ModerationQueueResponse> QueueAsync(string nodeId, string language, CancellationToken cancellationToken, Guid? after = null)
    {
        var rows = await store.QueueAsync(nodeId, QueueShown + 1, after, cancellationToken);
        var items = new List<ModerationItemResponse>(rows.Count);
        foreach (var r in rows.Take(QueueShown))
        {
            var forum = await directory.FindAsync(r.ForumId, cancellationToken);
            items.Add(new ModerationItemResponse(r.PostId, r.ThreadId, r.ForumId, forum is null ? r.ForumId : NameOf(forum, language), r.ThreadTitle, r.Kind,
                r.AuthorKind, forum is null ? Messages.Get($"forum.author.{ApplicationStore.Text(r.AuthorKind)}", language) : Author(r.AuthorKind, r.AuthorShown, forum, language),
                r.Body, r.BodyHtml, r.State, r.HeldFor, r.Reports, r.ReportReasons, r.PostedAt));
        }
        return new ModerationQueueResponse(items, rows.Count > QueueShown ? items[^1].PostId : null);
    }

    public async Task<UnansweredResponse> UnansweredAsync(string nodeId, string language, CancellationToken cancellationToken)
    {
        var days = options.Value.UnansweredAfterWorkingDays;
        var by = ForumRules.UnansweredIfCountingBy(clock.Today, days, await desk.CalendarAsync(cancellationToken));
        var rows = await store.UnansweredAsync(nodeId, by, cancellationToken);
        var forums = new List<UnansweredForumResponse>(rows.Count);
        foreach (var r in rows)
        {
            var forum = await directory.FindAsync(r.ForumId, cancellationToken);
            forums.Add(new UnansweredForumResponse(r.ForumId, forum is null ? r.ForumId : NameOf(forum, language), r.Questions, r.Oldest));
        }
        return new UnansweredResponse(days, by, forums.Sum(f => f.Questions), forums);
    }

    /// <summary>What a post's state means for its author: waiting for a moderator, held for personal data (which), rejected.</summary>
    public static string? Notice(ForumPostState state, IReadOnlyList<PersonalDataKind> heldFor, string language) => state switch
    {
        ForumPostState.Pending => Messages.Get("forum.notice.pending", language),
        ForumPostState.Held => Messages.Get("forum.notice.held", language,
            string.Join(", ", heldFor.Select(k => Messages.Get($"forum.personal.{ApplicationStore.Text(k)}", language)))),
        ForumPostState.Rejected => Messages.Get("forum.notice.rejected", language),
        _ => null,
    };

    /// <summary>The author as shown: the forum's head or office by role and the forum's name; anyone else by the name shown and role.</summary>
    private static string Author(ForumAuthorKind kind, string? shown, NodeRecord forum, string language)
    {
        var role = Messages.Get($"forum.author.{ApplicationStore.Text(kind)}", language);
        return kind is ForumAuthorKind.Head or ForumAuthorKind.Office ? $"{role} · {NameOf(forum, language)}"
            : shown is null ? role : $"{shown} · {role}";
    }

    private static string NameOf(NodeRecord node, string language) => Messages.Pick(language, node.NameKk, node.NameRu, node.NameEn);
}
