using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Reads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>"Who am I" (issue 15): the caller's grants and the places they act on, for any signed-in caller. Reads only.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithTags("Account").RequireCaller()
            .WithName("GetMe")
            .WithSummary("Who am I: roles and scopes, a parent's children, a student's class, a teacher's assignments today, a head's or officer's node");
        return api;
    }

    private static async Task<Ok<MeResponse>> GetMe([AsParameters] EndpointCall call, WhoAmI whoAmI) =>
        TypedResults.Ok(await whoAmI.ReadAsync(call.Actor, RequestLanguage.Of(call.Http), call.Aborted));
}
