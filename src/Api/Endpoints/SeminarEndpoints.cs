using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Seminars;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Seminars;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Seminars for teachers and heads (issue 24; order point 7): anyone reads the catalogue; the officers of an office (and
/// of the offices above it) or an organization's head announce one, read its participants and take attendance; the
/// teachers or heads of its area register, wait, withdraw; a certificate is checked on a public page. Every write goes
/// through the seminar's grain, which authorizes it.
/// </summary>
public static class SeminarEndpoints
{
    public static RouteGroupBuilder MapPublicSeminarEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/seminars", Catalogue).WithTags("Seminars").AllowAnonymous().WithName("ListSeminars")
            .WithSummary("Seminars that have not ended, soonest first (?organizerId=, ?audience=teachers|heads): how full, never who");
        api.MapGet("/seminars/{seminarId:guid}", One).WithTags("Seminars").AllowAnonymous().WithName("GetSeminar")
            .WithSummary("A seminar and how full it is; a signed-in participant also reads their own seat or place on the waiting list");
        api.MapGet("/public/seminar-certificates/{code}", Verify).AllowAnonymous().RequireRateLimiting(RateLimits.VerificationPolicy)
            .WithTags("Seminars").WithName("VerifySeminarCertificate")
            .WithSummary("Check a seminar certificate by its code: the seminar, its organizer, the day, the holder's initials, valid or revoked");
        return api;
    }

    public static RouteGroupBuilder MapSeminarEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/seminars", Create).RequireCaller().WithTags("Seminars").WithName("AnnounceSeminar")
            .WithSummary("Announce a seminar from an office or organization the caller organizes for (?seminarId is the client's key: a retry is the same seminar)");
        var seminars = api.MapGroup("/seminars").WithTags("Seminars");
        seminars.MapPost("/{seminarId:guid}/registrations", Register).RequireCaller().WithName("RegisterForSeminar")
            .WithSummary("Register the caller: a seat while there is one, else the end of the waiting list (201; 200 when already registered)");
        seminars.MapDelete("/{seminarId:guid}/registrations/me", Withdraw).RequireCaller().WithName("WithdrawFromSeminar")
            .WithSummary("Withdraw the caller's registration until the seminar starts; a seat it held goes to the first waiting, told in their inbox");
        seminars.MapGet("/{seminarId:guid}/participants", Participants).RequireCaller().WithName("ListSeminarParticipants")
            .WithSummary("The seated and the waiting list in its order, with attendance (the organizers only)");
        seminars.MapPut("/{seminarId:guid}/attendance", Attendance).RequireCaller().WithName("TakeSeminarAttendance")
            .WithSummary("The organizers record who came (from the seminar's day): a certificate with a code for each who did, revoked if corrected");
        api.MapGet("/nodes/{nodeId}/seminar-participation", Participation).RequireNode(SeminarParties.ReadsParticipation).WithTags("Seminars")
            .WithName("GetSeminarParticipation")
            .WithSummary("Per organization of the area: seated, waiting, attended and certificates in seminars held from ?from= (default: the academic year's start)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SeminarResponse>>> Catalogue(string? organizerId, SeminarAudience? audience, HttpContext http, SeminarRead read,
        CancellationToken aborted) =>
        TypedResults.Ok(await read.CatalogueAsync(organizerId is { Length: <= 64 } ? organizerId : null, audience, RequestLanguage.Of(http), aborted));

    private static async Task<Results<Ok<SeminarResponse>, ProblemHttpResult>> One(Guid seminarId, HttpContext http, ActorResolver actors, SeminarRead read,
        CancellationToken aborted) =>
        await read.OneAsync(seminarId, actors.Resolve(http), RequestLanguage.Of(http), aborted) is { } seminar
            ? TypedResults.Ok(seminar)
            : LocalizedProblems.NotFound(http, "problem.notFound.seminar");

    private static async Task<Results<Created<SeminarResponse>, ProblemHttpResult>> Create(Guid? seminarId, NewSeminarRequest seminar, SeminarRead read,
        [AsParameters] EndpointCall call)
    {
        var id = seminarId is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await call.Grains.GetGrain<ISeminarGrain>(id).Create(call.Actor, seminar);
        return outcome.Status == SeminarStatus.Created && await read.OneAsync(id, call.Actor, RequestLanguage.Of(call.Http), call.Aborted) is { } created
            ? TypedResults.Created($"/api/v1/seminars/{id}", created)
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Created<SeminarSeatResponse>, Ok<SeminarSeatResponse>, ProblemHttpResult>> Register(Guid seminarId,
        [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<ISeminarGrain>(seminarId).Register(call.Actor);
        if (outcome is not { Status: SeminarStatus.Created or SeminarStatus.Done, Seat: { } seat })
        {
            return Refused(call.Http, outcome);
        }
        var answer = new SeminarSeatResponse(seat, outcome.WaitingPosition, SeminarRead.Notice(seat, outcome.WaitingPosition, RequestLanguage.Of(call.Http)));
        return outcome.Status == SeminarStatus.Created ? TypedResults.Created($"/api/v1/seminars/{seminarId}", answer) : TypedResults.Ok(answer);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(Guid seminarId, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<ISeminarGrain>(seminarId).Withdraw(call.Actor);
        return outcome.Status == SeminarStatus.Done ? TypedResults.NoContent() : Refused(call.Http, outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<SeminarParticipantResponse>>, ProblemHttpResult>> Participants(Guid seminarId, SeminarRead read,
        [AsParameters] EndpointCall call) =>
        await read.ParticipantsAsync(seminarId, call.Actor, RequestLanguage.Of(call.Http), call.Aborted) is { } participants
            ? TypedResults.Ok(participants)
            : await read.OneAsync(seminarId, null, RequestLanguage.Of(call.Http), call.Aborted) is null
                ? LocalizedProblems.NotFound(call.Http, "problem.notFound.seminar")
                : LocalizedProblems.Forbidden(call.Http);

    private static async Task<Results<NoContent, ProblemHttpResult>> Attendance(Guid seminarId, AttendanceRequest attendance, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<ISeminarGrain>(seminarId).TakeAttendance(call.Actor, attendance);
        return outcome.Status == SeminarStatus.Done ? TypedResults.NoContent() : Refused(call.Http, outcome);
    }

    // A class takes part in no seminar as such: its school is the unit.
    private static async Task<Results<Ok<SeminarParticipationResponse>, ProblemHttpResult>> Participation(string nodeId, DateOnly? from, SeminarRead read,
        [AsParameters] EndpointCall call) =>
        call.Caller.Node.Kind == NodeKind.Class
            ? LocalizedProblems.NotFound(call.Http, "problem.notFound.node")
            : TypedResults.Ok(await read.ParticipationAsync(nodeId, from, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Results<Ok<PublicSeminarCertificateResponse>, ProblemHttpResult>> Verify(string code, HttpContext http, SeminarRead read,
        CancellationToken aborted) =>
        await PublicCodeCheck.RunAsync(code, http, "problem.notFound.certificate",
            canonical => read.CertificateAsync(canonical, RequestLanguage.Of(http), aborted));

    internal static ProblemHttpResult Refused(HttpContext http, SeminarOutcome outcome)
    {
        var language = RequestLanguage.Of(http);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = outcome.Problems.Select(p => new FieldError(p.Field, p.Code, Messages.Get(MessageKey(p.Code), language))).ToList(),
        };
        return outcome.Status switch
        {
            SeminarStatus.NotFound => LocalizedProblems.NotFound(http, "problem.notFound.seminar"),
            SeminarStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(http),
            SeminarStatus.Forbidden => LocalizedProblems.Create(http, StatusCodes.Status403Forbidden, "seminar-forbidden", "problem.forbidden.title",
                MessageKey(outcome.Problems[0].Code), extensions),
            SeminarStatus.Conflict => LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "seminar-conflict", "problem.seminarConflict.title", null, extensions),
            _ => LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.seminarInvalid.detail", extensions),
        };
    }

    // The text rules are the forums' (the same checks, the same words).
    private static string MessageKey(string code) =>
        Messages.Catalog.ContainsKey($"seminar.error.{code}") ? $"seminar.error.{code}" : $"forum.error.{code}";
}
