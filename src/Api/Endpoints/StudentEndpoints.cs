using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>A student's card and the parents' diary (order point 12.6): personal data, for the student's own circle only, audited.</summary>
public static class StudentEndpoints
{
    public static RouteGroupBuilder MapStudentEndpoints(this RouteGroupBuilder api)
    {
        // The audit row of a card read says whether the whole IIN was shown.
        api.MapGet("/students/{studentId}", GetCard).WithTags("Diary")
            .RequireStudent("student.card.read", (actor, student) => AccessPolicy.SeesFullIin(actor, student) ? "{\"iin\":\"full\"}" : "{\"iin\":\"masked\"}")
            .WithName("GetStudentCard")
            .WithSummary("A student's card: names, birth date, class and the IIN (masked for readers who do not need it)");
        api.MapGet("/students/{studentId}/diary", GetDiary).WithTags("Diary").RequireStudent("diary.read")
            .WithName("GetStudentDiary")
            .WithSummary("A student's diary for the current academic year: marks, attendance and live figures per subject");
        return api;
    }

    private static async Task<Results<Ok<StudentCardResponse>, ProblemHttpResult>> GetCard(
        string studentId, [AsParameters] EndpointCall call, RegistryStore registry)
    {
        var card = await registry.FindStudentCardAsync(studentId, call.Aborted);
        return card is null
            ? LocalizedProblems.NotFound(call.Http, "problem.notFound.student")
            : TypedResults.Ok(StudentCardResponse.Of(card, AccessPolicy.SeesFullIin(call.Actor, call.Caller.Student)));
    }

    private static async Task<Results<Ok<DiaryResponse>, ProblemHttpResult>> GetDiary(string studentId, [AsParameters] EndpointCall call)
    {
        var diary = await call.IdempotentAsync(grains => grains.GetGrain<IStudentGrain>(studentId).GetDiary(call.Actor));
        return TypedResults.Ok(DiaryResponse.Of(diary, RequestLanguage.Of(call.Http)));
    }
}
