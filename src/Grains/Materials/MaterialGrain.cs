using EduInfo.Domain.Calendar;
using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;
using EduInfo.Grains.Forums;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Materials;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Materials;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Materials;

/// <summary>
/// A methodological material (issue 24), keyed by its id: the one writer of its text, attachments, review, comments and
/// ratings. Authorized here (<see cref="MaterialParties"/>); texts checked by the forums' rules; comments arrive and are
/// moderated as forum posts are (<see cref="ForumRules"/>), within the forums' rate of posting.
/// </summary>
public sealed class MaterialGrain(MaterialStore store, StaffStore staff, IKazakhstanClock clock, IOptions<ForumLimits> limits) : Grain, IMaterialGrain
{
    private Guid MaterialId => this.GetPrimaryKey();

    public async Task<MaterialOutcome> Create(Actor actor, MaterialRequest request)
    {
        if (!MaterialParties.MayWrite(actor) || actor.PersonId is not { } personId || await staff.EmployedAsync(personId, clock.Today) is not { } person)
        {
            return MaterialOutcome.Refused(MaterialStatus.Forbidden, "materialId", "notStaff");
        }
        if (MaterialId == Guid.Empty)
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "materialId", "idRequired");
        }
        if (await store.MaterialAsync(MaterialId) is { } existing)
        {
            // The id is the author's idempotency key: their own retry answers as the first did.
            return existing.AuthorAccount == actor.UserId ? new MaterialOutcome(MaterialStatus.Done, [], existing.State)
                : MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "idTaken");
        }
        var (facts, html, refused) = await CheckAsync(request);
        if (refused is not null)
        {
            return refused;
        }
        var written = await store.CreateAsync(MaterialId, person.OrganizationId, personId, actor.UserId, facts!, html!, clock.UtcNow,
            Audit(actor, "material.create", person.OrganizationId));
        return written == MaterialWrite.Done
            ? new MaterialOutcome(MaterialStatus.Created, [], MaterialState.Draft)
            : MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "idTaken");
    }

    public async Task<MaterialOutcome> Edit(Actor actor, MaterialRequest request)
    {
        if (await OwnAsync(actor) is not { } material)
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialRules.Editable(material.State))
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notEditable");
        }
        var (facts, html, refused) = await CheckAsync(request);
        if (refused is not null)
        {
            return refused;
        }
        return Moved(await store.EditAsync(MaterialId, facts!, html!, clock.UtcNow, Audit(actor, "material.edit", material.OrganizationId)), material.State);
    }

    public async Task<MaterialOutcome> Attach(Actor actor, AttachmentRequest request)
    {
        if (await OwnAsync(actor) is not { } material)
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialRules.Editable(material.State))
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notEditable");
        }
        if (request.AttachmentId == Guid.Empty)
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "attachmentId", "idRequired");
        }
        var error = AttachmentRules.Check(request.Content ?? [], alreadyAttached: 0, out var type);
        if (error is AttachmentError.TooLarge)
        {
            return MaterialOutcome.Refused(MaterialStatus.TooLarge, "file", "tooLarge");
        }
        if (error is not null)
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "file", Code(error.Value));
        }
        if (AttachmentRules.DisplayName(request.Name, type!.Value) is not { } name)
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "name", Code(AttachmentError.NameInvalid));
        }
        return await store.AttachAsync(MaterialId, request.AttachmentId, name, type.Value, request.Content!, clock.UtcNow,
                Audit(actor, "material.attach", material.OrganizationId)) switch
        {
            MaterialWrite.Done => new MaterialOutcome(MaterialStatus.Created, [], material.State),
            MaterialWrite.TooMany => MaterialOutcome.Refused(MaterialStatus.Conflict, "file", Code(AttachmentError.TooMany)),
            MaterialWrite.Exists => MaterialOutcome.Refused(MaterialStatus.Conflict, "attachmentId", "idTaken"),
            _ => MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notEditable"),
        };
    }

    public async Task<MaterialOutcome> Detach(Actor actor, Guid attachmentId) =>
        await OwnAsync(actor) is not { } material ? MaterialOutcome.NotFound
        : !MaterialRules.Editable(material.State) ? MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notEditable")
        : await store.DetachAsync(MaterialId, attachmentId, clock.UtcNow, Audit(actor, "material.detach", material.OrganizationId)) == MaterialWrite.Done
            ? new MaterialOutcome(MaterialStatus.Done, [], material.State)
            : MaterialOutcome.NotFound;

    public async Task<MaterialOutcome> Submit(Actor actor)
    {
        if (await OwnAsync(actor) is not { } material)
        {
            return MaterialOutcome.NotFound;
        }
        if (material.State == MaterialState.InReview)
        {
            return new MaterialOutcome(MaterialStatus.Done, [], MaterialState.InReview);
        }
        if (!MaterialRules.Editable(material.State))
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notEditable");
        }
        return Moved(await store.MoveAsync(MaterialId, material.State, MaterialState.InReview, null, null, clock.UtcNow,
            Audit(actor, "material.submit", material.OrganizationId)), MaterialState.InReview);
    }

    public async Task<MaterialOutcome> Review(Actor actor, ReviewRequest request)
    {
        if (await store.MaterialAsync(MaterialId) is not { } material || !Sees(actor, material))
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialParties.Reviews(actor, material.OrganizationPath))
        {
            return MaterialOutcome.Forbidden;
        }
        if (request.Action is not { } action || !Enum.IsDefined(action))
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "action", "actionRequired");
        }
        var reason = MaterialRules.NeedsReason(action) || request.Reason is not null ? ForumChecks.Reason(request.Reason) : (null, []);
        if (reason.Problems.Count > 0)
        {
            return new MaterialOutcome(MaterialStatus.Invalid, [.. reason.Problems.Select(p => new MaterialRefusal(p.Field, p.Code))]);
        }
        if (MaterialRules.After(material.State, action) is not { } to)
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "action", "notNow");
        }
        return Moved(await store.MoveAsync(MaterialId, material.State, to, actor.UserId, reason.Text, clock.UtcNow,
            Audit(actor, $"material.{action.ToString().ToLowerInvariant()}", material.OrganizationId)), to);
    }

    public async Task<MaterialOutcome> Comment(Actor actor, CommentRequest request)
    {
        if (await store.MaterialAsync(MaterialId) is not { } material || !Sees(actor, material))
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialParties.MayDiscuss(actor))
        {
            return MaterialOutcome.Forbidden;
        }
        if (material.State != MaterialState.Published)
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notPublished");
        }
        if (request.CommentId == Guid.Empty)
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "commentId", "idRequired");
        }
        if (await store.FindCommentAsync(request.CommentId) is { } earlier)
        {
            return earlier.AuthorAccount == actor.UserId && earlier.MaterialId == MaterialId
                ? new MaterialOutcome(MaterialStatus.Done, [], material.State, earlier.State)
                : MaterialOutcome.Refused(MaterialStatus.Conflict, "commentId", "idTaken");
        }
        var body = ForumChecks.Body("body", request.Body);
        if (body.Problems.Count > 0)
        {
            return new MaterialOutcome(MaterialStatus.Invalid, [.. body.Problems.Select(p => new MaterialRefusal(p.Field, p.Code))]);
        }
        var reviewer = MaterialParties.Reviews(actor, material.OrganizationPath);
        var author = reviewer ? ForumAuthorKind.Office
            : material.AuthorAccount == actor.UserId ? ForumAuthorKind.Teacher
            : actor.Grants.Any(g => g.Role == Role.Head) ? ForumAuthorKind.Head
            : actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher) ? ForumAuthorKind.Teacher
            : ForumAuthorKind.Member;
        var personal = PersonalDataScan.Find(string.Join('\n', body.Text, ForumMarkup.TextOf(body.Html!)));
        // Comments are shown at once and moderated after, as a post-moderated forum's; a reviewer's own answer for the office.
        var state = ForumRules.Arriving(ForumModeration.Post, author, official: reviewer, [.. personal]);
        var comment = new NewMaterialComment(request.CommentId, MaterialId, actor.UserId, author, body.Text!, body.Html!, state, personal, clock.UtcNow);
        return await store.CommentAsync(comment, limits.Value.PostsPerWindow, limits.Value.RateWindow, Audit(actor, "material.comment", null)) switch
        {
            MaterialWrite.Done => new MaterialOutcome(MaterialStatus.Created, [], material.State, state, personal),
            MaterialWrite.RateLimited => MaterialOutcome.Refused(MaterialStatus.TooMany, "body", "rateLimited"),
            MaterialWrite.Exists => MaterialOutcome.Refused(MaterialStatus.Conflict, "commentId", "idTaken"),
            _ => MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notPublished"),
        };
    }

    public async Task<MaterialOutcome> ModerateComment(Actor actor, Guid commentId, ModerationRequest request)
    {
        if (await store.MaterialAsync(MaterialId) is not { } material || await store.FindCommentAsync(commentId) is not { } comment
            || comment.MaterialId != MaterialId || comment.State == ForumPostState.Deleted)
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialParties.Reviews(actor, material.OrganizationPath))
        {
            return comment.AuthorAccount == actor.UserId || comment.State == ForumPostState.Published ? MaterialOutcome.Forbidden : MaterialOutcome.NotFound;
        }
        if (request.Action is not { } action || !Enum.IsDefined(action))
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "action", "actionRequired");
        }
        var reason = ForumRules.NeedsReason(action) || request.Reason is not null ? ForumChecks.Reason(request.Reason) : (null, []);
        var body = action == ModerationAction.Edit ? ForumChecks.Body("body", request.Body) : (null, null, []);
        if (reason.Problems.Count + body.Problems.Count > 0)
        {
            return new MaterialOutcome(MaterialStatus.Invalid, [.. reason.Problems.Concat(body.Problems).Select(p => new MaterialRefusal(p.Field, p.Code))]);
        }
        if (ForumRules.After(comment.State, action) is not { } to)
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "action", "notNow");
        }
        return await store.ModerateCommentAsync(commentId, comment.State, to, body.Text, body.Html, actor.UserId, reason.Text, clock.UtcNow,
                Audit(actor, "material.moderate", null)) == MaterialWrite.Done
            ? new MaterialOutcome(MaterialStatus.Done, [], material.State, to)
            : MaterialOutcome.Refused(MaterialStatus.Conflict, "action", "notNow");
    }

    public async Task<MaterialOutcome> Rate(Actor actor, RatingRequest request)
    {
        if (await store.MaterialAsync(MaterialId) is not { } material || !Sees(actor, material))
        {
            return MaterialOutcome.NotFound;
        }
        if (!MaterialParties.MayDiscuss(actor))
        {
            return MaterialOutcome.Forbidden;
        }
        if (material.AuthorAccount == actor.UserId)
        {
            return MaterialOutcome.Refused(MaterialStatus.Forbidden, "stars", "ownMaterial");
        }
        if (!MaterialRules.ValidStars(request.Stars))
        {
            return MaterialOutcome.Refused(MaterialStatus.Invalid, "stars", "starsOutOfRange");
        }
        if (material.State != MaterialState.Published)
        {
            return MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "notPublished");
        }
        return Moved(await store.RateAsync(MaterialId, actor.UserId, request.Stars!.Value, clock.UtcNow, Audit(actor, "material.rate", null)), material.State);
    }

    private static bool Sees(Actor actor, MaterialRow material) =>
        MaterialParties.Sees(actor, material.State, material.AuthorAccount, material.OrganizationPath);

    /// <summary>The caller's own material (the account that wrote it), or null: another's draft is not there.</summary>
    private async Task<MaterialRow?> OwnAsync(Actor actor) =>
        await store.MaterialAsync(MaterialId) is { } material && material.AuthorAccount == actor.UserId ? material : null;

    /// <summary>The facts checked by the material rules, the body also as it will be read (rendered, then checked again as the forums do).</summary>
    private async Task<(MaterialFacts? Facts, string? Html, MaterialOutcome? Refused)> CheckAsync(MaterialRequest request)
    {
        var problems = MaterialRules.Check(request.Draft, out var facts).Select(p => new MaterialRefusal(p.Field, p.Code)).ToList();
        string? html = null;
        if (facts is not null)
        {
            var rendered = ForumChecks.Rendered("body", facts.Body);
            html = rendered.Html;
            problems.AddRange(rendered.Problems.Select(p => new MaterialRefusal(p.Field, p.Code)));
            if (!await store.SubjectExistsAsync(facts.SubjectId))
            {
                problems.Add(new MaterialRefusal("subjectId", "subjectUnknown"));
            }
        }
        return problems.Count > 0 ? (null, null, new MaterialOutcome(MaterialStatus.Invalid, problems)) : (facts, html, null);
    }

    private static MaterialOutcome Moved(MaterialWrite written, MaterialState state) =>
        written == MaterialWrite.Done
            ? new MaterialOutcome(MaterialStatus.Done, [], state)
            : MaterialOutcome.Refused(MaterialStatus.Conflict, "materialId", "stateChanged");

    private static string Code(AttachmentError error) => Storage.EServices.ApplicationStore.Text(error);

    private AuditEntry Audit(Actor actor, string action, string? organizationId) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "material", MaterialId.ToString(), organizationId, "committed");
}
