using EduInfo.Api.Actors;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>
/// The pupils page's upload (<c>/desk/{organizationId}/pupils/import</c>, multipart, antiforgery-validated): the file goes
/// through the same reading, grain and rules as <c>POST /api/v1/organizations/{id}/pupils/import</c>, and the answer is a
/// 303 back to the page with the count enrolled, or the first problems by line, field and message key.
/// </summary>
public static class PupilImportForm
{
    /// <summary>Problems carried back to the page at most; the rest are counted.</summary>
    public const int ShownProblems = 10;

    public static WebApplication MapPupilImportForm(this WebApplication app)
    {
        app.MapPost("/desk/{nodeId}/pupils/import", Import).WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    public sealed record ImportCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, IGrainFactory Grains);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Import([FromRoute(Name = "nodeId")] string organizationId, [FromForm(Name = "file")] IFormFile? file,
        [AsParameters] ImportCall call)
    {
        if (call.Http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return LocalizedProblems.Antiforgery(call.Http, StatusCodes.Status400BadRequest);
        }
        var actor = call.Actors.Resolve(call.Http);
        var node = RegistryIds.IsWellFormed(organizationId) ? await call.Directory.FindAsync(organizationId, call.Http.RequestAborted) : null;
        if (actor is null || node is not { Kind: NodeKind.Organization })
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.node");
        }
        if (!AccessPolicy.CanKeepPupils(actor, [.. node.Path, node.Id]))
        {
            return LocalizedProblems.Forbidden(call.Http);
        }
        if (file is null)
        {
            return LocalizedProblems.Invalid(call.Http, [("file", "invalid")], "web.pupils.error");
        }
        await using var stream = file.OpenReadStream();
        var bytes = await PupilImports.ReadAsync(stream, call.Http.RequestAborted);
        var outcome = bytes is null
            ? PupilImportOutcome.Refused([new UploadProblem(0, "file", "import.error.TooLarge", [(PupilUpload.MaxBytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)])])
            : await PupilImports.RunAsync(call.Grains, actor, organizationId, bytes);
        return new SeeOther($"/desk/{Uri.EscapeDataString(organizationId)}/pupils{Query(outcome)}#import-title");
    }

    /// <summary>
    /// The page's query after an upload: <c>upload=done&amp;count=N</c>, <c>upload=conflict</c>, or <c>upload=refused</c> with
    /// <c>e=line|field|key|values…</c> per problem shown and <c>more=N</c>. Values go only if they are ids, numbers or dates:
    /// nothing of a person (their IIN, their name) is put in an address.
    /// </summary>
    public static QueryString Query(PupilImportOutcome outcome)
    {
        if (outcome.Accepted)
        {
            return QueryString.Create((IEnumerable<KeyValuePair<string, string?>>)[new("upload", "done"), new("count", outcome.StudentIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
        if (outcome.Conflict)
        {
            return QueryString.Create("upload", "conflict");
        }
        var shown = outcome.Problems.Take(ShownProblems)
            .Select(p => new KeyValuePair<string, string?>("e", string.Join('|', [p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Field, p.Key,
                .. p.Arguments.Where(IsShowable)])));
        return QueryString.Create((IEnumerable<KeyValuePair<string, string?>>)[new("upload", "refused"), .. shown,
            new("more", Math.Max(0, outcome.Problems.Count - ShownProblems).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    /// <summary>An id, a number or a date — never twelve digits, which could be an IIN.</summary>
    private static bool IsShowable(string value) => RegistryIds.IsWellFormed(value) && !(value.Length == 12 && value.All(char.IsAsciiDigit));
}
