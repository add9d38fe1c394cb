using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Seminars;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the seminar page reports after a form post.</summary>
public enum SeminarNotice
{
    Seated,
    Waiting,
    Withdrawn,
    Marked,
    Refused,
}

/// <summary>
/// The seminar page's forms (issue 24; antiforgery-validated): register, withdraw, take attendance. Each goes through the
/// seminar's grain as the API does (one write path: same rules, same audit) and answers 303 back to the seminar with a
/// notice; a refusal carries its problems' codes (the page shows only codes it knows).
/// </summary>
public static class SeminarForms
{
    public static WebApplication MapSeminarForms(this WebApplication app)
    {
        var forms = app.MapGroup("/seminars/{seminarId:guid}").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        // None binds a form field (the attendance sheet's lists are read from the form), so the token check is asked for.
        forms.MapPost("/register", Register).WithMetadata(new RequireAntiforgeryTokenAttribute());
        forms.MapPost("/withdraw", Withdraw).WithMetadata(new RequireAntiforgeryTokenAttribute());
        forms.MapPost("/attendance", Attendance).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public sealed record FormCall(HttpContext Http, ActorResolver Actors, IGrainFactory Grains, Guid SeminarId);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Register([AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var outcome = await Grain(call).Register(Actor(call));
        return Answer(call, outcome.Seat == Domain.Seminars.SeatState.Waiting ? SeminarNotice.Waiting : SeminarNotice.Seated, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Withdraw([AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        return Answer(call, SeminarNotice.Withdrawn, await Grain(call).Withdraw(Actor(call)));
    }

    /// <summary>The sheet lists every seated person (<c>seated</c>) and ticks those who came (<c>attended</c>): the rest are marked absent.</summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> Attendance([AsParameters] FormCall call)
    {
        if (Admit(call) is { } refusal)
        {
            return refusal;
        }
        var form = call.Http.Request.HasFormContentType ? call.Http.Request.Form : null;
        var (seated, attended) = (form?["seated"].OfType<string>() ?? [], form?["attended"].OfType<string>() ?? []);
        var came = attended.ToHashSet(StringComparer.Ordinal);
        var marks = seated.Take(Domain.Seminars.SeminarRules.MaxCapacity + 1).Select(p => new AttendanceMark(p, came.Contains(p))).ToList();
        return Answer(call, SeminarNotice.Marked, await Grain(call).TakeAttendance(Actor(call), new AttendanceRequest(marks)));
    }

    private static ProblemHttpResult? Admit(FormCall call) => PageForms.Gate(call.Http, call.Actors);

    private static ISeminarGrain Grain(FormCall call) => call.Grains.GetGrain<ISeminarGrain>(call.SeminarId);

    private static Grains.Interfaces.Actors.Actor Actor(FormCall call) => call.Actors.Resolve(call.Http)!;

    /// <summary>No such seminar is a 404 page; what is not the caller's to do without a reason a 403; anything else goes back with its codes.</summary>
    private static Results<SeeOther, ProblemHttpResult> Answer(FormCall call, SeminarNotice done, SeminarOutcome outcome) => outcome.Status switch
    {
        SeminarStatus.Done or SeminarStatus.Created => Back(call, done, outcome),
        SeminarStatus.NotFound => LocalizedProblems.NotFound(call.Http, "problem.notFound.seminar"),
        SeminarStatus.Forbidden when outcome.Problems.Count == 0 => LocalizedProblems.Forbidden(call.Http),
        _ => Back(call, SeminarNotice.Refused, outcome),
    };

    private static SeeOther Back(FormCall call, SeminarNotice notice, SeminarOutcome outcome) =>
        PageForms.Back($"/seminars/{call.SeminarId}", notice, notice == SeminarNotice.Refused ? outcome.Problems.Select(p => p.Code) : []);

    public static IReadOnlyList<string> ErrorTexts(IEnumerable<string>? codes, string language) => PageForms.ErrorTexts(codes, language, "seminar.error");
}
