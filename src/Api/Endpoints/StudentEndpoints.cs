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

/// <summary>The parents' diary (order point 12.6).</summary>
public static class StudentEndpoints
{
    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/students/{studentId}").WithTags("Diary")
            .MapGet("/diary", GetDiary)
            .WithName("GetStudentDiary")
            .WithSummary("A student's diary for the current academic year: marks, attendance and live figures per subject");
        return api;
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
