using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
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
        // The audit row of a read names the roles that let the reader in (the parent's "who saw"); a card's, whether the whole IIN was shown.
        api.MapGet("/students/{studentId}", GetCard).WithTags("Diary")
            .RequireStudent("student.card.read", (actor, student) => DiaryReaders.Detail(actor, student, card: true))
            .WithName("GetStudentCard")
            .WithSummary("A student's card: names, birth date, class and the IIN (masked for readers who do not need it)");
        api.MapGet("/students/{studentId}/diary", GetDiary).WithTags("Diary").RequireStudent("diary.read", (actor, student) => DiaryReaders.Detail(actor, student))
            .WithName("GetStudentDiary")
            .WithSummary("A student's diary for the current academic year: marks, attendance and live figures per subject");
        api.MapGet("/students/{studentId}/readers", GetReaders).WithTags("Diary").RequireStudent("student.readers.read")
            .WithName("GetStudentReaders")
            .WithSummary("Who saw the student's diary and card: each read's time, role and (for staff) organization, newest first; never a name");
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

    private static async Task<Results<Ok<IReadOnlyList<DiaryReaderResponse>>, ProblemHttpResult>> GetReaders(
        string studentId, int? limit, [AsParameters] EndpointCall call, DiaryReaders readers)
    {
        if (limit is < 1 or > DiaryReaders.MaxLimit)
        {
            return LocalizedProblems.Invalid(call.Http, [("limit", "limitOutOfRange")], "readers.error");
        }
        return TypedResults.Ok(await readers.ReadAsync(call.Caller.Student.StudentId, RequestLanguage.Of(call.Http), limit ?? DiaryReaders.DefaultLimit, call.Aborted));
    }

    private static async Task<Results<Ok<DiaryResponse>, ProblemHttpResult>> GetDiary(string studentId, [AsParameters] EndpointCall call)
    {
        var diary = await call.IdempotentAsync(grains => grains.GetGrain<IStudentGrain>(studentId).GetDiary(call.Actor));
        return TypedResults.Ok(DiaryResponse.Of(diary, RequestLanguage.Of(call.Http)));
    }
}
