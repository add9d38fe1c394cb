using EduInfo.Api.Endpoints;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Hosting;
using Orleans.Dashboard;

namespace EduInfo.Api.Hosting;

/// <summary>
/// The Orleans dashboard's pages and data under <see cref="Path"/>, for operators only (the rule of the runtime figures,
/// <see cref="AccessPolicy.CanReadRuntime"/>), behind the same sign-in as every page: signed out, a browser is sent to sign
/// in; anyone else signed in is refused (403). Off (not mapped: 404) unless <c>OrleansDashboard:Enabled</c>
/// (<see cref="OrleansDashboardSwitch"/>).
/// </summary>
public static class OrleansDashboardEndpoints
{
    public const string Path = "/ops/orleans";

    // A grain's whole state (a class's journal, a pupil's diary) is personal data, which operators do not read: only counts
    // and timings are shown. The live log stream is off (OrleansDashboardSwitch.Configure); its route is withheld as well.
    private static readonly string[] Withheld = [Path + "/GrainState", Path + "/Trace"];

    /// <summary>The dashboard's client side, for an Api that is a client of separate silos (the co-hosted silo brings its own).</summary>
    public static IClientBuilder AddEduInfoOrleansDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        if (OrleansDashboardSwitch.IsEnabled(configuration))
        {
            client.AddDashboard(OrleansDashboardSwitch.Configure);
        }
        return client;
    }

    public static WebApplication MapEduInfoOrleansDashboard(this WebApplication app)
    {
        if (!OrleansDashboardSwitch.IsEnabled(app.Configuration))
        {
            return app;
        }
        app.MapOrleansDashboard(Path)
            // The sign-in challenge first: a signed-out browser is sent to the sign-in page, a bad token is a 401.
            .RequireAuthorization()
            .RequireCaller(AccessPolicy.CanReadRuntime)
            .AddEndpointFilter((invocation, next) =>
                invocation.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && Withheld.Contains(route, StringComparer.OrdinalIgnoreCase)
                    ? ValueTask.FromResult<object?>(LocalizedProblems.NotFound(invocation.HttpContext, "problem.notFound.route"))
                    : next(invocation))
            .ExcludeFromDescription();
        return app;
    }
}
