using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// A school's bulk enrolment from a CSV file (issue 18, item 4): the same rules and write path as one enrolment,
/// through the organization's <see cref="IPupilImportGrain"/>; all rows or none. Its keepers only (<see cref="AccessPolicy.CanKeepPupils"/>).
/// </summary>
public static class PupilImportEndpoints
{
    public static RouteGroupBuilder MapPupilImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/organizations/{organizationId}/pupils/import", Import).WithTags("Registry").RequireCaller().WithName("ImportPupils")
            .Accepts<string>("text/csv")
            .WithSummary("Enrol a school's pupils from a CSV file (students.csv's columns without id): every row checked as one enrolment is, all written or none")
            .WithDescription("422 lists every problem by line, field and code; 409 when another enrolment of one of the pupils came first (nothing written: send it again).");
        return api;
    }

    private static async Task<Results<Created<PupilImportResponse>, ProblemHttpResult>> Import(string organizationId, [AsParameters] EndpointCall call,
        [AsParameters] PupilPlaces places)
    {
        var node = RegistryIds.IsWellFormed(organizationId) ? await places.Directory.FindAsync(organizationId, call.Aborted) : null;
        if (node is not { Kind: NodeKind.Organization })
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.organization");
        }
        if (!AccessPolicy.CanKeepPupils(call.Actor, [.. node.Path, node.Id]))
        {
            await places.Audit.RecordAsync(new AuditEntry(call.Actor.UserId, call.Actor.Roles, call.Actor.ClientAddress, "pupil.import", "organization",
                organizationId, organizationId, "denied"), call.Aborted);
            return LocalizedProblems.Forbidden(call.Http);
        }
        if (call.Http.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return LocalizedProblems.Create(call.Http, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "problem.pupilImport.mediaType");
        }
        if (await PupilImports.ReadAsync(call.Http.Request.Body, call.Aborted) is not { } bytes)
        {
            return PupilImports.TooLarge(call.Http);
        }
        var outcome = await PupilImports.RunAsync(call.Grains, call.Actor, organizationId, bytes);
        return outcome.Accepted
            ? TypedResults.Created($"/desk/{organizationId}/pupils", new PupilImportResponse(outcome.StudentIds.Count, outcome.StudentIds))
            : PupilImports.Refused(call.Http, outcome);
    }
}

/// <summary>What an upload and the pupils page's form share: reading the file within its limit, the grain, the refusal.</summary>
public static class PupilImports
{
    /// <summary>The file's bytes, or null when it is over <see cref="PupilUpload.MaxBytes"/>.</summary>
    public static Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken) => ReadAsync(body, PupilUpload.MaxBytes, cancellationToken);

    /// <summary>A body's bytes, or null when it is over <paramref name="maxBytes"/> (an application's document shares this).</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The file read and, when it is readable, every row checked (and written if none is wrong) by the organization's grain.</summary>
    public static async Task<PupilImportOutcome> RunAsync(IGrainFactory grains, Actor actor, string organizationId, byte[] bytes)
    {
        var (rows, problems) = PupilUpload.Parse(bytes);
        return PupilUpload.Unreadable(problems) || rows.Count == 0 && problems.Count > 0
            ? PupilImportOutcome.Refused(problems)
            : await grains.GetGrain<IPupilImportGrain>(organizationId).Import(actor, rows, problems);
    }

    public static ProblemHttpResult TooLarge(HttpContext http) =>
        LocalizedProblems.Create(http, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.tooLarge.title", "problem.pupilImport.tooLarge");

    /// <summary>422 naming every problem by line (a pupil already enrolled: with their transfer), or 409 when the registry changed under the write.</summary>
    public static ProblemHttpResult Refused(HttpContext http, PupilImportOutcome outcome)
    {
        if (outcome.Conflict)
        {
            return LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "pupil-import-conflict", "problem.pupilImportConflict.title",
                "problem.pupilImportConflict.detail");
        }
        var language = RequestLanguage.Of(http);
        var errors = outcome.Problems.Select(p => new UploadError(p.Line, p.Field, p.Code, Messages.Get(p.Key, language, p.Arguments),
            p.Key == ProblemKeys.Of(PupilError.AlreadyEnrolled) ? $"/api/v1/students/{p.Arguments[0]}/transfers" : null)).ToList();
        return LocalizedProblems.Create(http, StatusCodes.Status422UnprocessableEntity, "pupil-import", "problem.pupilImport.title", "problem.pupilImport.detail",
            new Dictionary<string, object?> { ["errors"] = errors });
    }
}

/// <summary>One problem of an upload: the line (0: the file), the column, the code and its message; a pupil enrolled elsewhere also has the transfer to use.</summary>
public sealed record UploadError(int Line, string Field, string Code, string Message, string? Transfer);

/// <summary>An upload done: how many pupils were enrolled, and their ids in the file's order.</summary>
public sealed record PupilImportResponse(int Enrolled, IReadOnlyList<string> StudentIds);
