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
        api.MapPost("/students/{studentId}/transfers", Transfer).WithTags("Registry")
            .WithName("TransferStudent")
            .WithSummary("Transfer a student to another class from a date (the head within a school, an officer across schools; audited)");
        return api;
    }

    private static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Transfer(
        string studentId, TransferRequest request, HttpContext context, ActorResolver actors, RegistryStore registry, NodeDirectory directory,
        AuditLog audit, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (actors.Resolve(context) is not { } actor)
        {
            return LocalizedProblems.Unauthorized(context);
        }
        var student = RegistryIds.IsWellFormed(studentId) ? await registry.FindStudentAccessAsync(studentId, cancellationToken) : null;
        if (student is null)
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.student");
        }
        // Who may move the student where is decided here, on both classes' places, before anything about the request is said;
        // whether the move itself is right is the enrolment grain's (TransferValidator).
        var destination = RegistryIds.IsWellFormed(request.ToClassId) ? await directory.FindAsync(request.ToClassId!, cancellationToken) : null;
        if (destination is not null && !AccessPolicy.CanTransfer(actor, student.ClassPath, destination.Path))
        {
            await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "student.transfer", "student", studentId,
                student.OrganizationId, "denied"), cancellationToken);
            return LocalizedProblems.Forbidden(context);
        }
        var outcome = await grains.GetGrain<IEnrolmentGrain>(studentId).Transfer(actor, request);
        return outcome.Accepted
            ? TypedResults.Ok(new TransferResponse(studentId, outcome.FromClassId!, request.ToClassId!, request.Date!.Value, outcome.Sequence))
            : LocalizedProblems.Invalid(context, outcome.Problems.Codes(), "transfer.error");
    }
}

public sealed record TransferResponse(string StudentId, string FromClassId, string ToClassId, DateOnly Date, long Sequence);
