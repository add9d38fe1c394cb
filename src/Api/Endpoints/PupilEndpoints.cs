using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Pupils and parents kept by the school (issue 18): enrolment from a date, leaving, corrections of personal data and
/// dated parent links. The caller's right is decided here on the class's or pupil's place (heads for their
/// organization, officers for their area, operators everywhere); the rules are the grains' (PupilValidator,
/// ParentLinkValidator), every change audited.
/// </summary>
public static class PupilEndpoints
{
    public static RouteGroupBuilder MapPupilEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/classes/{classId}/pupils", Enrol).WithTags("Registry").RequireCaller().WithName("EnrolPupil")
            .WithSummary("Enrol a new or returning pupil into the class from a date (an IIN enrolled anywhere is refused with a pointer to its transfer)");
        api.MapPost("/students/{studentId}/leaving", Leave).WithTags("Registry").RequireCaller().WithName("PupilLeaves")
            .WithSummary("End the pupil's enrolment on a day, unless the journal holds their rows after it (named by sequence number)");
        api.MapPost("/students/{studentId}/corrections", Correct).WithTags("Registry").RequireCaller().WithName("CorrectPupil")
            .WithSummary("Correct the pupil's names or birth date with a reason (audited old → new)");
        api.MapPost("/students/{studentId}/parents", Link).WithTags("Registry").RequireCaller().WithName("LinkParent")
            .WithSummary("Link a parent to the pupil from a date, confirmed against a document");
        api.MapPost("/students/{studentId}/parents/{parentId}/unlink", Unlink).WithTags("Registry").RequireCaller().WithName("UnlinkParent")
            .WithSummary("End a parent's link to the pupil on a day, with a reason");
        return api;
    }

    private static async Task<Results<Created<PupilResponse>, ProblemHttpResult>> Enrol(string classId, PupilEnrolmentRequest request,
        [AsParameters] EndpointCall call, [AsParameters] PupilPlaces places)
    {
        var node = RegistryIds.IsWellFormed(classId) ? await places.Directory.FindAsync(classId, call.Aborted) : null;
        if (node is not { Kind: NodeKind.Class })
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.class");
        }
        if (!AccessPolicy.CanKeepPupils(call.Actor, [.. node.Path, node.Id]))
        {
            return await DeniedAsync(call, places, "pupil.enrol", classId, node.Path.Count > 0 ? node.Path[^1] : null);
        }
        var outcome = await call.Grains.GetGrain<IPupilRegistrationGrain>(PupilKeys.Of(request.Iin)).Enrol(call.Actor, classId, request);
        return outcome.Accepted
            ? TypedResults.Created($"/api/v1/students/{outcome.StudentId}", new PupilResponse(outcome.StudentId!, null, outcome.Sequence))
            : Refused(call.Http, outcome);
    }

    private static Task<Results<Ok<PupilResponse>, ProblemHttpResult>> Leave(string studentId, PupilEndRequest request,
        [AsParameters] EndpointCall call, [AsParameters] PupilPlaces places) =>
        OnPupilAsync(studentId, "pupil.leave", call, places, grain => grain.Leave(call.Actor, request));

    private static Task<Results<Ok<PupilResponse>, ProblemHttpResult>> Correct(string studentId, PupilCorrectionRequest request,
        [AsParameters] EndpointCall call, [AsParameters] PupilPlaces places) =>
        OnPupilAsync(studentId, "pupil.correct", call, places, grain => grain.Correct(call.Actor, request));

    private static Task<Results<Ok<PupilResponse>, ProblemHttpResult>> Link(string studentId, ParentLinkRequest request,
        [AsParameters] EndpointCall call, [AsParameters] PupilPlaces places) =>
        OnPupilAsync(studentId, "parent.link", call, places, grain => grain.LinkParent(call.Actor, request));

    private static Task<Results<Ok<PupilResponse>, ProblemHttpResult>> Unlink(string studentId, string parentId, PupilEndRequest request,
        [AsParameters] EndpointCall call, [AsParameters] PupilPlaces places) =>
        RegistryIds.IsWellFormed(parentId)
            ? OnPupilAsync(studentId, "parent.unlink", call, places, grain => grain.UnlinkParent(call.Actor, parentId, request))
            : Task.FromResult<Results<Ok<PupilResponse>, ProblemHttpResult>>(LocalizedProblems.NotFound(call.Http, "problem.notFound.parent"));

    /// <summary>A write to a pupil: found (their latest class decides who may), allowed, then through their enrolment grain.</summary>
    private static async Task<Results<Ok<PupilResponse>, ProblemHttpResult>> OnPupilAsync(string studentId, string action, EndpointCall call, PupilPlaces places,
        Func<IEnrolmentGrain, Task<PupilOutcome>> write)
    {
        var student = RegistryIds.IsWellFormed(studentId) ? await places.Registry.FindStudentAccessAsync(studentId, call.Aborted) : null;
        if (student is null)
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.student");
        }
        if (!AccessPolicy.CanKeepPupils(call.Actor, student.ClassPath))
        {
            return await DeniedAsync(call, places, action, studentId, student.OrganizationId);
        }
        var outcome = await write(call.Grains.GetGrain<IEnrolmentGrain>(studentId));
        return outcome.Accepted ? TypedResults.Ok(new PupilResponse(studentId, outcome.ParentId, outcome.Sequence)) : Refused(call.Http, outcome);
    }

    private static async Task<ProblemHttpResult> DeniedAsync(EndpointCall call, PupilPlaces places, string action, string targetId, string? organizationId)
    {
        await places.Audit.RecordAsync(new AuditEntry(call.Actor.UserId, call.Actor.Roles, call.Actor.ClientAddress, action, "student", targetId,
            organizationId, "denied"), call.Aborted);
        return LocalizedProblems.Forbidden(call.Http);
    }

    /// <summary>
    /// 404 for a pupil or class that is not there; 409 when the change conflicts with what is recorded (an IIN enrolled
    /// elsewhere — with the transfer to use instead —, journal rows after a leaving day, a link already open); else 400.
    /// </summary>
    internal static ProblemHttpResult Refused(HttpContext http, PupilOutcome outcome)
    {
        if (outcome.IsNotFound)
        {
            return LocalizedProblems.NotFound(http, "problem.notFound.student");
        }
        var language = RequestLanguage.Of(http);
        var errors = outcome.Problems.Select(p => new FieldError(p.Field, JsonNaming.Camel(p.Error.ToString()),
            Messages.Get(ProblemKeys.Of(p.Error), language, p.Arguments))).ToList();
        var extensions = new Dictionary<string, object?> { ["errors"] = errors };
        if (outcome.Problems.FirstOrDefault(p => p.Error == PupilError.AlreadyEnrolled) is { } enrolled)
        {
            // The person exists: moving them is a transfer of that pupil, never a second enrolment.
            extensions["studentId"] = enrolled.Arguments[0];
            extensions["transfer"] = $"/api/v1/students/{enrolled.Arguments[0]}/transfers";
            return LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "pupil-enrolled", "problem.pupilEnrolled.title", "problem.pupilEnrolled.detail", extensions);
        }
        return outcome.Problems.Any(p => p.Error is PupilError.JournalRowsAfterDate or PupilError.RollCallsBeforeEnrolment or PupilError.AlreadyLinked
            or PupilError.DateBeforeLastEnrolment or PupilError.Changed or PupilError.OrganizationClosed)
            ? LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "pupil-conflict", "problem.pupilConflict.title", "problem.pupilConflict.detail", extensions)
            : LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.validation.detail", extensions);
    }
}

/// <summary>Where a pupil's or class's place is found, and where a refusal is audited.</summary>
public sealed record PupilPlaces(RegistryStore Registry, NodeDirectory Directory, AuditLog Audit);

/// <summary>The pupil written (a new pupil's id is made by the registry), the parent linked, and the number the class's version moved to (0: none).</summary>
public sealed record PupilResponse(string StudentId, string? ParentId, long Sequence);
