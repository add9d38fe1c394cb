using System.Security.Claims;
using System.Text.Json;
using EduInfo.Api.Actors;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// The endpoint access filter on its own, through the real endpoint pipeline (binding, filter, handler) without a
/// server or a database: what it answers before the handler and in which order. Ids that are not well formed are
/// unknown without a query, so no database is reached; the store points at a port nothing listens on.
/// </summary>
public sealed class EndpointAccessFilterTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private readonly List<string> handled = [];

    public Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<ActorResolver>();
        builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1"));
        builder.Services.AddSingleton<RegistryStore>();
        builder.Services.AddSingleton<EduInfo.Domain.Calendar.IKazakhstanClock>(EduInfo.Domain.Calendar.KazakhstanClock.PinnedAt(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero)));
        builder.Services.AddSingleton<NodeDirectory>();
        builder.Services.AddSingleton<EduInfo.Storage.Audit.AuditLog>();
        builder.Services.AddSingleton<EduInfo.Api.Reads.StudentGate>();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        app = builder.Build();
        app.MapGet("/nodes/{nodeId}", (Caller caller) => Handled(caller.Node.Id)).RequireNode(AccessPolicy.CanReadSummary);
        app.MapGet("/classes/{classId}", (Caller caller) => Handled(caller.Node.Id)).RequireClass(AccessPolicy.CanWriteJournal);
        app.MapGet("/groups/{groupId}", (Caller caller) => Handled(caller.Node.Id)).RequireProfileGroup(AccessPolicy.CanWriteJournal);
        app.MapGet("/students/{studentId}", (Caller caller) => Handled(caller.Student.StudentId)).RequireStudent("diary.read");
        app.MapGet("/rules", (Caller caller) => Handled(caller.Actor.UserId)).RequireCaller(AccessPolicy.CanManageRules);
        // A wiring mistake: the handler reads a node its endpoint never checked.
        app.MapGet("/unchecked/{nodeId}", (Caller caller) => Handled(caller.Node.Id)).RequireCaller();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private IResult Handled(string what)
    {
        handled.Add(what);
        return TypedResults.Ok(what);
    }

    /// <summary>A GET of <paramref name="route"/> with its one route value (if any) set to <paramref name="id"/>.</summary>
    private async Task<(int Status, string? Detail)> GetAsync(string route, string? id, string? user, params string[] grants)
    {
        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == route);
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString("?lang=en");
        if (endpoint.RoutePattern.Parameters.SingleOrDefault() is { } parameter)
        {
            http.Request.RouteValues[parameter.Name] = id;
        }
        if (user is not null)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(EduInfoClaims.Subject, user), .. grants.Select(g => new Claim(EduInfoClaims.Grant, g))], "test"));
        }
        http.Response.Body = new MemoryStream();
        await endpoint.RequestDelegate!(http);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        return (http.Response.StatusCode, body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("detail", out var detail)
            ? detail.GetString()
            : null);
    }

    [Theory]
    [InlineData("/nodes/{nodeId}")]
    [InlineData("/classes/{classId}")]
    [InlineData("/groups/{groupId}")]
    [InlineData("/students/{studentId}")]
    [InlineData("/rules")]
    public async Task Without_a_caller_the_answer_is_401_whatever_the_target_and_the_handler_does_not_run(string route)
    {
        Assert.Equal((401, "The request does not say who is making it."), await GetAsync(route, "no such id", user: null));
        Assert.Empty(handled);
    }

    [Theory]
    [InlineData("/nodes/{nodeId}", "There is no such node in the management hierarchy.")]
    [InlineData("/classes/{classId}", "There is no such class.")]
    [InlineData("/groups/{groupId}", "There is no such profile group.")]
    [InlineData("/students/{studentId}", "There is no such student.")]
    public async Task An_unknown_target_is_a_404_naming_it_before_any_rule_is_applied(string route, string detail)
    {
        // The caller holds no grant at all: were the rule applied first, this would be a 403.
        Assert.Equal((404, detail), await GetAsync(route, "no such id", "nobody"));
        Assert.Empty(handled);
    }

    [Fact]
    public async Task A_caller_the_rule_refuses_gets_a_403_and_one_it_admits_reaches_the_handler_as_the_caller()
    {
        Assert.Equal((403, "These data are outside your role and scope."), await GetAsync("/rules", null, "teacher-1", "teacher@KZ"));
        Assert.Empty(handled);

        Assert.Equal(200, (await GetAsync("/rules", null, "operator-1", "operator@KZ")).Status);
        Assert.Equal(["operator-1"], handled);
    }

    [Fact]
    public async Task A_handler_reading_a_target_its_endpoint_never_checked_fails_instead_of_acting_unchecked()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => GetAsync("/unchecked/{nodeId}", "KZ", "operator-1", "operator@KZ"));
        Assert.Contains("Node", failure.Message, StringComparison.Ordinal);
        Assert.Empty(handled);
    }
}
