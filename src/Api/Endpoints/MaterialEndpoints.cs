using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Domain.Materials;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Materials;
using EduInfo.Storage.Materials;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Methodological materials (issue 24; order point 12.4): anyone finds and reads what is published, in Kazakh or Russian
/// full text; teachers and heads write materials with attachments; the district's and region's officers publish them,
/// return them with a reason or withdraw them, and moderate their discussion; staff of education comment and rate. Every
/// write goes through the material's grain, which authorizes it.
/// </summary>
public static class MaterialEndpoints
{
    public static RouteGroupBuilder MapPublicMaterialEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/materials", Search).WithTags("Materials").AllowAnonymous().WithName("SearchMaterials")
            .WithSummary("Published materials: ?q= words in Kazakh or Russian (each material indexed in its own language), ?subjectId, ?grade, ?language, ?offset, ?limit");
        var open = api.MapGroup("/materials").WithTags("Materials").AllowAnonymous();
        open.MapGet("/{materialId:guid}", One).WithName("GetMaterial")
            .WithSummary("A published material with its attachments and discussion; a draft or one in review only for its author and reviewers");
        open.MapGet("/{materialId:guid}/attachments/{attachmentId:guid}", Download).WithName("DownloadMaterialAttachment")
            .WithSummary("An attachment, as a download (Content-Disposition: attachment, nosniff), of a material the caller may read");
        return api;
    }

    public static RouteGroupBuilder MapMaterialEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/materials", Create).RequireCaller().WithTags("Materials").WithName("CreateMaterial")
            .WithSummary("A teacher or head writes a draft (Markdown; subject, grade 0–11, language kk|ru|en); ?materialId is the client's key");
        var materials = api.MapGroup("/materials").WithTags("Materials");
        materials.MapPut("/{materialId:guid}", Edit).RequireCaller().WithName("EditMaterial")
            .WithSummary("Its author edits a draft or a returned material");
        materials.MapPost("/{materialId:guid}/attachments", Attach).RequireCaller().WithName("AttachMaterialFile")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AttachmentRules.MaxBytes + 1))
            .Accepts<byte[]>("application/octet-stream")
            .WithSummary("Its author attaches a file (?name=, ?attachmentId=): PDF, DOCX, PPTX, PNG or JPEG by its bytes, at most 20 MiB, 10 per material");
        materials.MapDelete("/{materialId:guid}/attachments/{attachmentId:guid}", Detach).RequireCaller().WithName("DetachMaterialFile")
            .WithSummary("Its author removes an attachment from a draft or a returned material");
        materials.MapPost("/{materialId:guid}/submission", Submit).RequireCaller().WithName("SubmitMaterial")
            .WithSummary("Its author sends the material to the reviewers of the district and region");
        materials.MapPost("/{materialId:guid}/review", Review).RequireCaller().WithName("ReviewMaterial")
            .WithSummary("A reviewer publishes, returns (with a reason) or withdraws (with a reason) the material (audited)");
        materials.MapPost("/{materialId:guid}/comments", Comment).RequireCaller().WithName("CommentMaterial")
            .WithSummary("Staff of education comment a published material (Markdown; the forums' rules: personal data holds it; a rate per author)");
        materials.MapPost("/{materialId:guid}/comments/{commentId:guid}/moderation", Moderate).RequireCaller().WithName("ModerateMaterialComment")
            .WithSummary("A reviewer approves, rejects, edits or deletes a comment (a reason for all but approval; audited)");
        materials.MapPut("/{materialId:guid}/rating", Rate).RequireCaller().WithName("RateMaterial")
            .WithSummary("Staff of education rate a published material 1–5 (one rating each, replaced by a new one; not the author's own)");
        api.MapGet("/me/materials", Mine).RequireCaller().WithTags("Materials").WithName("ListMyMaterials")
            .WithSummary("The caller's own materials in every state");
        api.MapGet("/nodes/{nodeId}/material-reviews", InReview).RequireNode(MaterialParties.ReviewsArea).WithTags("Materials").WithName("ListMaterialsInReview")
            .WithSummary("Materials of the area's organizations waiting for a review, oldest first (the district's and region's officers)");
        return api;
    }

    private static async Task<Results<Ok<MaterialSearchResponse>, ProblemHttpResult>> Search(string? q, string? subjectId, int? grade, string? language,
        int? offset, int? limit, HttpContext http, MaterialRead read, CancellationToken aborted)
    {
        var words = MaterialRules.Query(q);
        var problems = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(q) && words is null) problems.Add(("q", "queryInvalid"));
        if (subjectId is { Length: > 64 }) problems.Add(("subjectId", "subjectUnknown"));
        if (grade is not null && !MaterialRules.ValidGrade(grade)) problems.Add(("grade", "gradeOutOfRange"));
        // A language by its name as the API writes it (kk, ru, en): a number is none.
        var written = Web.ApplicationForms.EnumOf<MaterialLanguage>(language);
        if (language is not null && written is null) problems.Add(("language", "languageRequired"));
        if (offset is < 0 or > 10_000 || limit is < 1 or > MaterialRead.MaxPage) problems.Add(("offset", "pageOutOfRange"));
        return problems.Count > 0
            ? LocalizedProblems.Invalid(http, problems, "material.error")
            : TypedResults.Ok(await read.SearchAsync(new MaterialSearch(words, subjectId, grade, written, offset ?? 0, limit ?? 20), RequestLanguage.Of(http), aborted));
    }

    private static async Task<Results<Ok<MaterialResponse>, ProblemHttpResult>> One(Guid materialId, HttpContext http, ActorResolver actors, MaterialRead read,
        CancellationToken aborted) =>
        await read.OneAsync(materialId, actors.Resolve(http), RequestLanguage.Of(http), aborted) is { } material
            ? TypedResults.Ok(material)
            : LocalizedProblems.NotFound(http, "problem.notFound.material");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(Guid materialId, Guid attachmentId, HttpContext http, ActorResolver actors,
        MaterialRead read, CancellationToken aborted)
    {
        if (await read.DownloadAsync(materialId, attachmentId, actors.Resolve(http), aborted) is not { } file)
        {
            return LocalizedProblems.NotFound(http, "problem.notFound.materialAttachment");
        }
        // A download the browser never renders nor sniffs into something else, and never caches for another reader.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    private static async Task<Results<Created<MaterialResponse>, Ok<MaterialResponse>, ProblemHttpResult>> Create(Guid? materialId, MaterialBody body,
        MaterialRead read, [AsParameters] EndpointCall call)
    {
        var id = (materialId ?? body.MaterialId) is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call, id).Create(call.Actor, Request(body));
        if (outcome.Status is not (MaterialStatus.Created or MaterialStatus.Done)
            || await read.OneAsync(id, call.Actor, RequestLanguage.Of(call.Http), call.Aborted) is not { } material)
        {
            return Refused(call.Http, outcome);
        }
        return outcome.Status == MaterialStatus.Created ? TypedResults.Created($"/api/v1/materials/{id}", material) : TypedResults.Ok(material);
    }

    private static async Task<Results<Ok<MaterialResponse>, ProblemHttpResult>> Edit(Guid materialId, MaterialBody body, MaterialRead read,
        [AsParameters] EndpointCall call)
    {
        var outcome = await Grain(call, materialId).Edit(call.Actor, Request(body));
        return outcome.Status == MaterialStatus.Done && await read.OneAsync(materialId, call.Actor, RequestLanguage.Of(call.Http), call.Aborted) is { } material
            ? TypedResults.Ok(material)
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Created<MaterialWriteResponse>, ProblemHttpResult>> Attach(Guid materialId, string? name, Guid? attachmentId,
        [AsParameters] EndpointCall call)
    {
        if (await PupilImports.ReadAsync(call.Http.Request.Body, AttachmentRules.MaxBytes, call.Aborted) is not { } content)
        {
            return LocalizedProblems.Create(call.Http, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.uploadTooLarge.title", "problem.materialTooLarge.detail");
        }
        var id = attachmentId is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call, materialId).Attach(call.Actor, new AttachmentRequest(id, name, content));
        return outcome.Status == MaterialStatus.Created
            ? TypedResults.Created($"/api/v1/materials/{materialId}/attachments/{id}", new MaterialWriteResponse(id, outcome.State, null, null))
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Detach(Guid materialId, Guid attachmentId, [AsParameters] EndpointCall call) =>
        await Grain(call, materialId).Detach(call.Actor, attachmentId) is var outcome && outcome.Status == MaterialStatus.Done
            ? TypedResults.NoContent()
            : Refused(call.Http, outcome);

    private static async Task<Results<Ok<MaterialWriteResponse>, ProblemHttpResult>> Submit(Guid materialId, [AsParameters] EndpointCall call) =>
        Written(call, materialId, await Grain(call, materialId).Submit(call.Actor));

    private static async Task<Results<Ok<MaterialWriteResponse>, ProblemHttpResult>> Review(Guid materialId, ReviewRequest review, [AsParameters] EndpointCall call) =>
        Written(call, materialId, await Grain(call, materialId).Review(call.Actor, review));

    private static async Task<Results<Created<MaterialWriteResponse>, Ok<MaterialWriteResponse>, ProblemHttpResult>> Comment(Guid materialId,
        CommentRequest comment, [AsParameters] EndpointCall call)
    {
        var outcome = await Grain(call, materialId).Comment(call.Actor, comment);
        var answer = new MaterialWriteResponse(comment.CommentId, outcome.State, outcome.CommentState,
            outcome.CommentState is { } state ? ForumRead.Notice(state, outcome.HeldFor ?? [], RequestLanguage.Of(call.Http)) : null);
        return outcome.Status switch
        {
            MaterialStatus.Created => TypedResults.Created($"/api/v1/materials/{materialId}", answer),
            MaterialStatus.Done => TypedResults.Ok(answer),
            _ => Refused(call.Http, outcome),
        };
    }

    private static async Task<Results<Ok<MaterialWriteResponse>, ProblemHttpResult>> Moderate(Guid materialId, Guid commentId, ModerationRequest moderation,
        [AsParameters] EndpointCall call) =>
        Written(call, commentId, await Grain(call, materialId).ModerateComment(call.Actor, commentId, moderation));

    private static async Task<Results<Ok<MaterialWriteResponse>, ProblemHttpResult>> Rate(Guid materialId, RatingRequest rating, [AsParameters] EndpointCall call) =>
        Written(call, materialId, await Grain(call, materialId).Rate(call.Actor, rating));

    private static async Task<Ok<IReadOnlyList<MaterialListItemResponse>>> Mine([AsParameters] EndpointCall call, MaterialRead read) =>
        TypedResults.Ok(await read.MineAsync(call.Actor, RequestLanguage.Of(call.Http), call.Aborted));

    // A class writes no material as such: its school is the unit.
    private static async Task<Results<Ok<IReadOnlyList<MaterialListItemResponse>>, ProblemHttpResult>> InReview(string nodeId, [AsParameters] EndpointCall call,
        MaterialRead read) =>
        call.Caller.Node.Kind == NodeKind.Class
            ? LocalizedProblems.NotFound(call.Http, "problem.notFound.node")
            : TypedResults.Ok(await read.InReviewAsync(nodeId, RequestLanguage.Of(call.Http), call.Aborted));

    private static IMaterialGrain Grain(EndpointCall call, Guid id) => call.Grains.GetGrain<IMaterialGrain>(id);

    private static MaterialRequest Request(MaterialBody body) => new(body.Title, body.Summary, body.Body, body.SubjectId, body.Grade, body.Language);

    private static Results<Ok<MaterialWriteResponse>, ProblemHttpResult> Written(EndpointCall call, Guid id, MaterialOutcome outcome) =>
        outcome.Status == MaterialStatus.Done
            ? TypedResults.Ok(new MaterialWriteResponse(id, outcome.State, outcome.CommentState, null))
            : Refused(call.Http, outcome);

    internal static ProblemHttpResult Refused(HttpContext http, MaterialOutcome outcome)
    {
        var language = RequestLanguage.Of(http);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = outcome.Problems.Select(p => new FieldError(p.Field, p.Code, Messages.Get(MessageKey(p.Code), language))).ToList(),
        };
        return outcome.Status switch
        {
            MaterialStatus.NotFound => LocalizedProblems.NotFound(http, "problem.notFound.material"),
            MaterialStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(http),
            MaterialStatus.Forbidden => LocalizedProblems.Create(http, StatusCodes.Status403Forbidden, "material-forbidden", "problem.forbidden.title",
                MessageKey(outcome.Problems[0].Code), extensions),
            MaterialStatus.Conflict => LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "material-conflict", "problem.materialConflict.title", null, extensions),
            MaterialStatus.TooLarge => LocalizedProblems.Create(http, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.uploadTooLarge.title",
                "problem.materialTooLarge.detail"),
            MaterialStatus.TooMany => LocalizedProblems.Create(http, StatusCodes.Status429TooManyRequests, "forum-rate", "problem.forumRate.title",
                "forum.error.rateLimited", extensions),
            _ => LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.materialInvalid.detail", extensions),
        };
    }

    // The text rules are the forums' (the same checks, the same words).
    private static string MessageKey(string code) =>
        Messages.Catalog.ContainsKey($"material.error.{code}") ? $"material.error.{code}" : $"forum.error.{code}";
}
