using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
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
        TransferStore transfers, AuditLog audit, IGrainFactory grains, IKazakhstanClock clock, CancellationToken cancellationToken)
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
        var problems = new List<(string Field, string Code)>();
        var destination = request.ToClassId is null ? null
            : RegistryIds.IsWellFormed(request.ToClassId) ? await directory.FindAsync(request.ToClassId, cancellationToken) : null;
        if (request.ToClassId is null)
        {
            problems.Add(("toClassId", "required"));
        }
        else if (destination is null || destination.Kind != NodeKind.Class)
        {
            problems.Add(("toClassId", "classUnknown"));
        }
        if (request.Date is null)
        {
            problems.Add(("date", "required"));
        }
        else if (request.Date > clock.Today)
        {
            problems.Add(("date", "dateInFuture"));
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            problems.Add(("reason", "reasonRequired"));
        }
        else if (request.Reason.Length > 500 || request.Reason.Any(char.IsControl))
        {
            problems.Add(("reason", "reasonTooLong"));
        }
        if (destination is not null && !AccessPolicy.CanTransfer(actor, student.ClassPath, destination.Path))
        {
            await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "student.transfer", "student", studentId,
                student.OrganizationId, "denied"), cancellationToken);
            return LocalizedProblems.Forbidden(context);
        }
        if (problems.Count > 0)
        {
            return LocalizedProblems.Invalid(context, problems, "transfer.error");
        }

        var (outcome, fromClassId, sequence) = await transfers.TransferAsync(studentId, destination!.Id, request.Date!.Value,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "student.transfer", "student", studentId, student.OrganizationId, "committed"),
            cancellationToken);
        if (outcome != TransferOutcome.Transferred)
        {
            var field = outcome is TransferOutcome.SameClass or TransferOutcome.OtherAcademicYear ? "toClassId" : "date";
            return LocalizedProblems.Invalid(context, [(field, JsonNaming.Camel(outcome.ToString()))], "transfer.error");
        }
        // Both classes rebuild from the registry and the journal (their watermarks moved) and republish; so does the student.
        await Task.WhenAll(
            grains.GetGrain<IClassGrain>(fromClassId!).Refresh(),
            grains.GetGrain<IClassGrain>(destination.Id).Refresh(),
            grains.GetGrain<IStudentGrain>(studentId).Rebuild());
        return TypedResults.Ok(new TransferResponse(studentId, fromClassId!, destination.Id, request.Date.Value, sequence));
    }
}

public sealed record TransferRequest(string? ToClassId, DateOnly? Date, string? Reason);

public sealed record TransferResponse(string StudentId, string FromClassId, string ToClassId, DateOnly Date, long Sequence);
