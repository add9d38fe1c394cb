using EduInfo.Api.Actors;
using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Audit;
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
        ProblemHttpResult? problem = null;
        var access = await EndpointAccess.PersonalDataAsync(studentId, "student.card.read", context, actors, registry, audit, p => problem = p,
            cancellationToken, (actor, student) => AccessPolicy.SeesFullIin(actor, student) ? "{\"iin\":\"full\"}" : "{\"iin\":\"masked\"}");
        if (access is not var (actor, student))
        {
            return problem!;
        }
        var card = await registry.FindStudentCardAsync(studentId, cancellationToken);
        return card is null
            ? LocalizedProblems.NotFound(context, "problem.notFound.student")
            : TypedResults.Ok(StudentCardResponse.Of(card, AccessPolicy.SeesFullIin(actor, student)));
    }

    private static async Task<Results<Ok<DiaryResponse>, ProblemHttpResult>> GetDiary(
        string studentId, HttpContext context, ActorResolver actors, RegistryStore registry, AuditLog audit, IGrainFactory grains, ClusterCalls calls,
        CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.PersonalDataAsync(studentId, "diary.read", context, actors, registry, audit, p => problem = p, cancellationToken) is not var (actor, _))
        {
            return problem!;
        }
        var diary = await calls.IdempotentAsync(() => grains.GetGrain<IStudentGrain>(studentId).GetDiary(actor), cancellationToken);
        return TypedResults.Ok(DiaryResponse.Of(diary, RequestLanguage.Of(context)));
    }
}
