using EduInfo.Domain.Registry;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Moving a student to another home class from a date. Marks and roll-calls keep counting where they were recorded;
/// term metrics follow the student to the class they are enrolled in at the term's end (DESIGN.md §2). Both classes
/// and every ancestor republish at once.
/// </summary>
public static class TransferEndpoints
{
    public static RouteGroupBuilder MapTransferEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/students/{studentId}/transfers", Transfer).WithTags("Registry").RequireCaller()
            .WithName("TransferStudent")
            .WithSummary("Transfer a student to another class from a date (the head within a school, an officer across schools; audited)");
        return api;
    }

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Transfer(
        string studentId, TransferRequest request, [AsParameters] EndpointCall call, [AsParameters] TransferPlaces places)
    {
        var student = RegistryIds.IsWellFormed(studentId) ? await places.Registry.FindStudentAccessAsync(studentId, call.Aborted) : null;
        if (student is null)
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.student");
        }
        // Who may move the student where is decided here, on both classes' places, before anything about the request is said;
        // whether the move itself is right is the enrolment grain's (TransferValidator).
        var destination = RegistryIds.IsWellFormed(request.ToClassId) ? await places.Directory.FindAsync(request.ToClassId!, call.Aborted) : null;
        if (destination is not null && !AccessPolicy.CanTransfer(call.Actor, student.ClassPath, destination.Path))
        {
            await places.Audit.RecordAsync(new AuditEntry(call.Actor.UserId, call.Actor.Roles, call.Actor.ClientAddress, "student.transfer", "student",
                studentId, student.OrganizationId, "denied"), call.Aborted);
            return LocalizedProblems.Forbidden(call.Http);
        }
        var outcome = await call.Grains.GetGrain<IEnrolmentGrain>(studentId).Transfer(call.Actor, request);
        return outcome.Accepted
            ? TypedResults.Ok(new TransferResponse(studentId, outcome.FromClassId!, request.ToClassId!, request.Date!.Value, outcome.Sequence))
            : LocalizedProblems.Invalid(call.Http, outcome.Problems.Codes(), "transfer.error");
    }
}

/// <summary>Where a transfer's student and destination are found, and where a refusal is audited.</summary>
public sealed record TransferPlaces(RegistryStore Registry, NodeDirectory Directory, AuditLog Audit);

public sealed record TransferResponse(string StudentId, string FromClassId, string ToClassId, DateOnly Date, long Sequence);
