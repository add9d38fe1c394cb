using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;
using EduInfo.Grains.Interfaces.Forums;
using EduInfo.Grains.Interfaces.Materials;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the material pages report after a form post.</summary>
public enum MaterialNotice
{
    Created,
    Saved,
    Attached,
    Removed,
    Submitted,
    Reviewed,
    Commented,
    Moderated,
    Rated,
    Refused,
}

/// <summary>
/// The material pages' forms (issue 24; antiforgery-validated): write, edit, attach, remove, submit, review, comment,
/// moderate a comment, rate. Each goes through the material's grain as the API does (one write path: same rules, same
/// audit) and answers 303 back to the material (a refused new draft: back to the form) with a notice and the refusal's
/// codes. A material the caller may not see is the same 404 as none.
/// </summary>
public static class MaterialForms
{
    public static WebApplication MapMaterialForms(this WebApplication app)
    {
        var forms = app.MapGroup("/materials").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/new", Create);
        forms.MapPost("/{materialId:guid}/edit", Edit);
        forms.MapPost("/{materialId:guid}/attachments", Attach).WithMetadata(new RequestSizeLimitAttribute(AttachmentRules.MaxBytes + 64 * 1024));
        // These bind no form field, so the token check is asked for (form binding asks for it on the others).
        forms.MapPost("/{materialId:guid}/attachments/{attachmentId:guid}/remove", Remove).WithMetadata(new RequireAntiforgeryTokenAttribute());
        forms.MapPost("/{materialId:guid}/submit", Submit).WithMetadata(new RequireAntiforgeryTokenAttribute());
        forms.MapPost("/{materialId:guid}/review", Review);
        forms.MapPost("/{materialId:guid}/comments", Comment);
        forms.MapPost("/{materialId:guid}/comments/{commentId:guid}/moderation", Moderate);
        forms.MapPost("/{materialId:guid}/rating", Rate);
        return app;
    }

    public sealed record FormCall(HttpContext Http, ActorResolver Actors, IGrainFactory Grains);

    /// <summary>A material's fields as the write form sends them.</summary>
    public sealed record Fields(
        [FromForm(Name = "title")] string? Title,
        [FromForm(Name = "summary")] string? Summary,
        [FromForm(Name = "body")] string? Body,
        [FromForm(Name = "subjectId")] string? SubjectId,
        [FromForm(Name = "grade")] string? Grade,
        [FromForm(Name = "language")] string? Language)
    {
        public MaterialRequest Request => new(Title, Summary, Body, SubjectId,
            int.TryParse(Grade, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : null,
            ApplicationForms.EnumOf<MaterialLanguage>(Language));
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Create([FromForm(Name = "materialId")] string? materialId, [AsParameters] Fields fields,
        [AsParameters] FormCall call)
    {
        if (PageForms.Gate(call.Http, call.Actors) is { } refusal)
        {
            return refusal;
        }
        // The id is made when the form is rendered: a double click or a resent post is one material.
        var id = Guid.TryParse(materialId, out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call, id).Create(Actor(call), fields.Request);
        return outcome.Status is MaterialStatus.Created or MaterialStatus.Done
            ? PageForms.Back($"/materials/{id}", MaterialNotice.Created, [])
            : Refused(call, "/materials/new", outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Edit(Guid materialId, [AsParameters] Fields fields, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Saved,
            await Grain(call, materialId).Edit(Actor(call), fields.Request), $"/materials/{materialId}/edit");

    /// <summary>A file from the page (<c>file</c>); its type is told by the grain from the bytes, never from the name or header.</summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> Attach(Guid materialId, IFormCollection form, [AsParameters] FormCall call)
    {
        if (PageForms.Gate(call.Http, call.Actors) is { } refusal)
        {
            return refusal;
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Answer(call, materialId, MaterialNotice.Attached, MaterialOutcome.Refused(MaterialStatus.Invalid, "file", "empty"));
        }
        if (file.Length > AttachmentRules.MaxBytes)
        {
            return Answer(call, materialId, MaterialNotice.Attached, MaterialOutcome.Refused(MaterialStatus.Invalid, "file", "tooLarge"));
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, call.Http.RequestAborted);
        }
        var id = Guid.TryParse(form["attachmentId"], out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await Grain(call, materialId).Attach(Actor(call), new AttachmentRequest(id, file.FileName, content));
        return Answer(call, materialId, MaterialNotice.Attached, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Remove(Guid materialId, Guid attachmentId, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Removed, await Grain(call, materialId).Detach(Actor(call), attachmentId));

    private static async Task<Results<SeeOther, ProblemHttpResult>> Submit(Guid materialId, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Submitted, await Grain(call, materialId).Submit(Actor(call)));

    private static async Task<Results<SeeOther, ProblemHttpResult>> Review(Guid materialId, [FromForm(Name = "action")] string? action,
        [FromForm(Name = "reason")] string? reason, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Reviewed,
            await Grain(call, materialId).Review(Actor(call), new ReviewRequest(ApplicationForms.EnumOf<ReviewAction>(action), Blank(reason))));

    private static async Task<Results<SeeOther, ProblemHttpResult>> Comment(Guid materialId, [FromForm(Name = "commentId")] string? commentId,
        [FromForm(Name = "body")] string? body, [AsParameters] FormCall call)
    {
        if (PageForms.Gate(call.Http, call.Actors) is { } refusal)
        {
            return refusal;
        }
        var id = Guid.TryParse(commentId, out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        return Answer(call, materialId, MaterialNotice.Commented, await Grain(call, materialId).Comment(Actor(call), new CommentRequest(id, body)));
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Moderate(Guid materialId, Guid commentId, [FromForm(Name = "action")] string? action,
        [FromForm(Name = "reason")] string? reason, [FromForm(Name = "body")] string? body, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Moderated, await Grain(call, materialId).ModerateComment(Actor(call), commentId,
            new ModerationRequest(ApplicationForms.EnumOf<ModerationAction>(action), Blank(reason), Blank(body))));

    private static async Task<Results<SeeOther, ProblemHttpResult>> Rate(Guid materialId, [FromForm(Name = "stars")] string? stars, [AsParameters] FormCall call) =>
        PageForms.Gate(call.Http, call.Actors) ?? Answer(call, materialId, MaterialNotice.Rated, await Grain(call, materialId).Rate(Actor(call),
            new RatingRequest(int.TryParse(stars, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null)));

    private static IMaterialGrain Grain(FormCall call, Guid id) => call.Grains.GetGrain<IMaterialGrain>(id);

    private static Grains.Interfaces.Actors.Actor Actor(FormCall call) => call.Actors.Resolve(call.Http)!;

    private static Results<SeeOther, ProblemHttpResult> Answer(FormCall call, Guid materialId, MaterialNotice done, MaterialOutcome outcome, string? refusedTo = null) =>
        outcome.Status is MaterialStatus.Done or MaterialStatus.Created
            ? PageForms.Back($"/materials/{materialId}", done, [])
            : Refused(call, refusedTo ?? $"/materials/{materialId}", outcome);

    /// <summary>What the caller may not see is a 404 page, what is not theirs to do a 403; anything else goes back with its codes.</summary>
    private static Results<SeeOther, ProblemHttpResult> Refused(FormCall call, string back, MaterialOutcome outcome) => outcome.Status switch
    {
        MaterialStatus.NotFound => LocalizedProblems.NotFound(call.Http, "problem.notFound.material"),
        MaterialStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(call.Http),
        _ => PageForms.Back(back, MaterialNotice.Refused, outcome.Problems.Select(p => p.Code)),
    };

    public static IReadOnlyList<string> ErrorTexts(IEnumerable<string>? codes, string language) =>
        PageForms.ErrorTexts(codes, language, "material.error", "forum.error");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
