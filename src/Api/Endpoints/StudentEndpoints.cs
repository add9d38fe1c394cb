using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Storage.Audit;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>A student's card and the parents' diary (order point 12.6): personal data, for the student's own circle only, audited.</summary>
public static class StudentEndpoints
{
    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/students/{studentId}", GetCard).WithTags("Diary")
            .WithName("GetStudentCard")
            .WithSummary("A student's card: names, birth date, class and the IIN (masked for readers who do not need it)");
        api.MapGet("/students/{studentId}/diary", GetDiary).WithTags("Diary")
            .WithName("GetStudentDiary")
            .WithSummary("A student's diary for the current academic year: marks, attendance and live figures per subject");
        return api;
    }

    private static async Task<Results<Ok<StudentCardResponse>, ProblemHttpResult>> GetCard(
        string studentId, HttpContext context, ActorResolver actors, RegistryStore registry, AuditLog audit, CancellationToken cancellationToken)
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
        var allowed = AccessPolicy.CanReadDiary(actor, student);
        var fullIin = allowed && AccessPolicy.SeesFullIin(actor, student);
        var detail = allowed ? (fullIin ? "{\"iin\":\"full\"}" : "{\"iin\":\"masked\"}") : "{}";
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "student.card.read", "student", studentId,
            student.OrganizationId, allowed ? "ok" : "denied", detail), cancellationToken);
        if (!allowed)
        {
            return LocalizedProblems.Forbidden(context);
        }
        var card = await registry.FindStudentCardAsync(studentId, cancellationToken);
        return card is null ? LocalizedProblems.NotFound(context, "problem.notFound.student") : TypedResults.Ok(StudentCardResponse.Of(card, fullIin));
    }


    private static async Task<Results<Ok<DiaryResponse>, ProblemHttpResult>> GetDiary(
        string studentId, HttpContext context, ActorResolver actors, RegistryStore registry, AuditLog audit, IGrainFactory grains, CancellationToken cancellationToken)
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
        var allowed = AccessPolicy.CanReadDiary(actor, student);
        // A read of personal data is audited before the data leaves, refused attempts too.
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "diary.read", "student", studentId,
            student.OrganizationId, allowed ? "ok" : "denied"), cancellationToken);
        if (!allowed)
        {
            return LocalizedProblems.Forbidden(context);
        }
        var diary = await grains.GetGrain<IStudentGrain>(studentId).GetDiary(actor);
        return TypedResults.Ok(DiaryResponse.Of(diary, RequestLanguage.Of(context)));
    }
}
