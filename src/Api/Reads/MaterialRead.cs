using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Materials;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Materials;

namespace EduInfo.Api.Reads;

/// <summary>
/// Methodological materials as their readers see them (issue 24): the search and a published material for everyone;
/// a draft or one in review for its author and its reviewers only (anyone else finds none); the discussion by the
/// forums' rule of who sees which post. Reads the rows of record; writes go through the material grains.
/// </summary>
public sealed class MaterialRead(MaterialStore store, NodeDirectory directory, SubjectNames subjects)
{
    public const int MaxPage = 50;

    public async Task<MaterialSearchResponse> SearchAsync(MaterialSearch search, string language, CancellationToken cancellationToken)
    {
        var page = await store.SearchAsync(search, cancellationToken);
        return new MaterialSearchResponse(await ItemsAsync(page.Items, language, cancellationToken), Math.Max(page.Total, 0), search.Offset, search.Limit);
    }

    public async Task<IReadOnlyList<MaterialListItemResponse>> InReviewAsync(string areaId, string language, CancellationToken cancellationToken) =>
        await ItemsAsync(await store.InReviewAsync(areaId, cancellationToken), language, cancellationToken);

    public async Task<IReadOnlyList<MaterialListItemResponse>> MineAsync(Actor actor, string language, CancellationToken cancellationToken) =>
        actor.PersonId is { } person ? await ItemsAsync(await store.OfAuthorAsync(person, cancellationToken), language, cancellationToken) : [];

    /// <summary>The material as the caller may see it, or null (none, or not theirs to see).</summary>
    public async Task<MaterialResponse?> OneAsync(Guid id, Actor? actor, string language, CancellationToken cancellationToken)
    {
        if (await store.DetailAsync(id, cancellationToken) is not { } detail)
        {
            return null;
        }
        if (!MaterialParties.Sees(actor, detail.Listing.State, detail.AuthorAccount, detail.OrganizationPath))
        {
            return null;
        }
        var mine = actor is not null && detail.AuthorAccount == actor.UserId;
        var reviewer = actor is not null && MaterialParties.Reviews(actor, detail.OrganizationPath);
        var comments = detail.Listing.State is MaterialState.Published or MaterialState.Withdrawn
            ? await store.CommentsAsync(id, cancellationToken)
            : [];
        var shown = comments
            .Where(c => ForumRules.Sees(c.State, actor is not null && c.AuthorAccount == actor.UserId, ForumPostState.Published, false, reviewer))
            .Select(c => new MaterialCommentResponse(c.Id, c.AuthorKind, Messages.Get($"forum.author.{ApplicationStore.Text(c.AuthorKind)}", language), c.BodyHtml,
                c.State, c.HeldFor, c.At, actor is not null && c.AuthorAccount == actor.UserId,
                c.State == ForumPostState.Rejected ? c.ModerationReason : null, reviewer ? c.Body : null))
            .ToList();
        var item = (await ItemsAsync([detail.Listing], language, cancellationToken))[0];
        return new MaterialResponse(item, detail.BodyHtml, mine || reviewer ? detail.Body : null, mine, reviewer, mine || reviewer ? detail.ReviewReason : null,
            [.. detail.Attachments.Select(a => new MaterialAttachmentResponse(a.Id, a.Name, a.ContentType, a.Size, $"/api/v1/materials/{id}/attachments/{a.Id}"))],
            shown, actor is null ? null : await store.RatingOfAsync(id, actor.UserId, cancellationToken));
    }

    /// <summary>An attachment's bytes when the caller sees its material, else null.</summary>
    public async Task<MaterialFile?> DownloadAsync(Guid id, Guid attachmentId, Actor? actor, CancellationToken cancellationToken) =>
        await store.MaterialAsync(id, cancellationToken) is { } material
        && MaterialParties.Sees(actor, material.State, material.AuthorAccount, material.OrganizationPath)
            ? await store.AttachmentContentAsync(id, attachmentId, cancellationToken)
            : null;

    private async Task<IReadOnlyList<MaterialListItemResponse>> ItemsAsync(IReadOnlyList<MaterialListing> listings, string language, CancellationToken cancellationToken)
    {
        var items = new List<MaterialListItemResponse>(listings.Count);
        foreach (var m in listings)
        {
            var organization = await directory.FindAsync(m.OrganizationId, cancellationToken);
            items.Add(new MaterialListItemResponse(m.Id, m.Title, m.Summary, m.SubjectId, await subjects.NameAsync(m.SubjectId, language, cancellationToken), m.Grade,
                m.Language, m.OrganizationId, NodeSummaryResponse.NameOf(organization, m.OrganizationId, language), m.State, m.UpdatedAt, m.PublishedAt,
                m.Stars is { } s ? Math.Round(s, 2) : null, m.Ratings, m.Attachments));
        }
        return items;
    }
}
