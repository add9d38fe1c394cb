using System.Text.Json;
using System.Text.Json.Serialization;
using EduInfo.Api.Actors;
using EduInfo.Api.Cluster;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Live;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Api.Web;
using EduInfo.Hosting;
using EduInfo.Hosting.Telemetry;
using EduInfo.Storage.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace EduInfo.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>
    /// Orleans by profile: Cluster:Role = CoHosted (Development: a silo in this process) or Client
    /// (Cluster/Kubernetes: a client of separate silo processes, found through ADO.NET clustering).
    /// </summary>
    public static WebApplicationBuilder AddEduInfoOrleans(this WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection("Cluster");
        builder.Services.AddSingleton(orleans.GetSection("Calls").Get<ClusterCallOptions>() ?? new ClusterCallOptions());
        builder.Services.AddSingleton<ClusterCalls>();
        var client = string.Equals(orleans["Role"], "Client", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSingleton(sp => new SiloLossSignal(sp.GetRequiredService<ILogger<SiloLossSignal>>(), watching: client));
        if (client)
        {
            var connectionString = builder.Configuration.RequireConnectionString();
            builder.UseOrleansClient(client =>
            {
                client.AddActivityPropagation();
                client.AddEduInfoOrleansDashboard(builder.Configuration);
                client.Services.AddDatabaseExceptionSerialization();
                client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<SiloLossSignal>());
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = orleans["ClusterId"] ?? "eduinfo";
                    o.ServiceId = orleans["ServiceId"] ?? "eduinfo";
                });
                if (string.Equals(orleans["Clustering"], "AdoNet", StringComparison.OrdinalIgnoreCase))
                {
                    client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = connectionString; });
                    client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = MembershipTuning.GatewayListRefreshPeriod(orleans));
                }
                else
                {
                    client.UseLocalhostClustering(orleans.GetValue("GatewayPort", 30000));
                }
            });
        }
        else
        {
            builder.UseOrleans(silo => silo.AddEduInfoSilo(builder.Configuration));
        }
        return builder;
    }

    /// <summary>HTTP concerns: JSON, localized problem details, request limits, OpenAPI, health, the actor.</summary>
    public static WebApplicationBuilder AddEduInfoApi(this WebApplicationBuilder builder)
    {
        builder.AddEduInfoStorage();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Api:MaxRequestBodyBytes", 1L << 20));
        // Api:InlineScheduling runs a request on the socket's I/O thread instead of queuing it on the thread pool, where
        // grain turns and writes wait too (issue 26.1, docs/benchmarks.md); with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(o =>
            o.UnsafePreferInlineScheduling = builder.Configuration.GetValue("Api:InlineScheduling", false));

        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<OpenApi.OpenApiExamples>();
            o.AddOperationTransformer<OpenApi.OpenApiExamples>();
        });
        builder.Services.AddEduInfoHealthChecks();
        builder.AddEduInfoTelemetry("eduinfo-api");
        builder.Services.AddSingleton<EduInfo.Api.Telemetry.JournalMetrics>();
        builder.AddEduInfoAuthentication();
        builder.AddEduInfoRateLimits();
        builder.AddEduInfoWriteAdmission();
        builder.Services.AddSingleton<ActorResolver>();
        builder.Services.AddHostedService<AuditRetention>();
        builder.Services.AddSingleton<NodeDirectory>();
        builder.Services.AddSingleton<SubjectNames>();
        builder.AddEduInfoLive();
        builder.Services.AddScoped<PublicReport>();
        builder.Services.AddSingleton<PublicDisclosure>();
        builder.Services.AddScoped<PublicRatings>();
        builder.Services.AddScoped<Dashboard>();
        builder.Services.AddScoped<HeadDesk>();
        builder.Services.AddScoped<WhoAmI>();
        builder.Services.AddScoped<StudentGate>();
        builder.Services.AddScoped<DiaryReaders>();
        builder.Services.AddScoped<DiaryPageRead>();
        builder.Services.AddScoped<JournalSheet>();
        builder.Services.AddScoped<ClassWarnings>();
        builder.Services.AddScoped<InflationSignal>();
        builder.Services.AddScoped<CompletenessSignal>();
        builder.Services.AddScoped<DocumentRegisterRead>();
        builder.Services.AddScoped<ApplicationRead>();
        builder.Services.AddScoped<ForumRead>();
        builder.Services.AddScoped<SeminarRead>();
        builder.Services.AddScoped<MaterialRead>();
        builder.Services.Configure<EduInfo.Domain.Forums.ForumLimits>(builder.Configuration.GetSection("Forums"));
        builder.Services.AddScoped<YearEndDesk>();
        builder.Services.AddSingleton<YearArchive>();
        builder.Services.AddSingleton<StaffLoad>();
        builder.Services.AddSingleton<ReportHeadcounts>();
        builder.Services.AddScoped<ReportRead>();
        builder.Services.AddSingleton<TrendSeries>();
        builder.AddEduInfoWeb();
        return builder;
    }

    /// <summary>Strict JSON: unknown fields are refused (no mass assignment), numbers must be numbers, enumerations are camelCase names.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict; // "7" is not a score
        options.MaxDepth = 16;
        options.AllowDuplicateProperties = false; // {"score":2,"score":5} is refused, never resolved last-wins
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static WebApplication MapEduInfoApi(this WebApplication app)
    {
        app.UseEduInfoMetrics();
        app.UseEduInfoSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            // Unmatched routes and methods get a localized problem body too.
            var http = context.HttpContext;
            if (http.Response.StatusCode == StatusCodes.Status404NotFound)
            {
                await LocalizedProblems.NotFound(http, "problem.notFound.route").ExecuteAsync(http);
            }
            else if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                await LocalizedProblems.Unauthorized(http).ExecuteAsync(http);
            }
            else if (http.Response.StatusCode == StatusCodes.Status403Forbidden)
            {
                await LocalizedProblems.Forbidden(http).ExecuteAsync(http);
            }
            else if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                await LocalizedProblems.Create(http, StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "problem.methodNotAllowed.title").ExecuteAsync(http);
            }
            else
            {
                await LocalizedProblems.Create(http, http.Response.StatusCode, "http-" + http.Response.StatusCode, "problem.request.title").ExecuteAsync(http);
            }
        });

        // A page address that is not found (an unknown path, or a page that found nothing: NavigationManager.NotFound) is
        // the not-found page, rendered in full; the API's paths keep their JSON problems above.
        app.UseWhen(context => WebHostingExtensions.IsPagePath(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWebLanguage();
        app.UseRouting(); // here, not first: a re-executed page address is routed again
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseAuthorization();
        // Form posts (after authentication and authorization, as ASP.NET Core requires), then cookie-authenticated API calls.
        app.UseAntiforgery();
        app.UseEduInfoApiAntiforgery();
        app.UseEduInfoWriteAdmission();
        app.MapOpenApi("/openapi/{documentName}.json");
        // A browsable reference of the OpenAPI document; its script is served from the package, not a CDN. Nothing it loads
        // or sends leaves the system: no vendor fonts, telemetry, AI agent, MCP or developer toolbar (deploy, SDKs).
        app.MapScalarApiReference("/api/reference", reference =>
        {
            reference.WithTitle("EduInfo API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            reference.DefaultFonts = false;
            reference.Telemetry = false;
            reference.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            reference.Agent = new ScalarAgentOptions { Disabled = true };
            reference.Mcp = new ScalarMcpOptions { Disabled = true };
        });
        app.MapEduInfoHealth();
        app.MapBrowserSignIn();
        app.MapDeskForms();
        app.MapYearEndForms();
        app.MapOrganizationProfileForm();
        app.MapPupilForms();
        app.MapPupilImportForm();
        app.MapStaffForms();
        app.MapApplicationForms();
        app.MapOrganizationLifecycleForms();
        app.MapForumForms();
        app.MapSeminarForms();
        app.MapMaterialForms();
        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapPublicEndpoints();
        api.MapPublicRatingEndpoints();
        api.MapDocumentVerification();
        api.MapPublicServiceEndpoints();
        api.MapPublicForumEndpoints();
        api.MapPublicSeminarEndpoints();
        api.MapPublicMaterialEndpoints();
        api.MapGroup("").RequireAuthorization()
            .MapJournalEndpoints()
            .MapClassEndpoints()
            .MapDocumentEndpoints()
            .MapYearEndpoints()
            .MapWarningEndpoints()
            .MapSignalEndpoints()
            .MapTransferEndpoints()
            .MapPupilEndpoints()
            .MapPupilImportEndpoints()
            .MapTimetableEndpoints()
            .MapRulesEndpoints()
            .MapRatingEndpoints()
            .MapNodeEndpoints()
            .MapBreakdownEndpoints()
            .MapExportEndpoints()
            .MapReportEndpoints()
            .MapTrendEndpoints()
            .MapStudentEndpoints()
            .MapMeEndpoints()
            .MapAuditEndpoints()
            .MapLiveEndpoints()
            .MapOperationsEndpoints()
            .MapOrganizationEndpoints()
            .MapStaffEndpoints()
            .MapOrganizationLifecycleEndpoints()
            .MapApplicationEndpoints()
            .MapForumEndpoints()
            .MapSeminarEndpoints()
            .MapMaterialEndpoints();
        app.MapEduInfoOrleansDashboard();
        app.MapEduInfoWeb();
        return app;
    }
}
