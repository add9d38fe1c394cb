using System.Net.Http.Json;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Issue #13.8: a teacher's app that gives up before the cluster answers is a cancelled request, not an unhandled
/// failure. One class's writes are held by a silo call filter for two seconds and then fail as Orleans' response
/// timeout fails them; a client that waits a second must leave an Information line "cancelled by the client" and
/// no error, and a client that waits gets the retryable 503, never a 500.
/// </summary>
public sealed class CancelledRequestTests(CancelledRequestTests.SlowClassHost api) : IClassFixture<CancelledRequestTests.SlowClassHost>
{
    public sealed class SlowClassHost : ApiHost
    {
        public LogCapture Logs { get; } = new("ProblemExceptionHandler", "ClusterCalls", "ExceptionHandlerMiddleware", "ExceptionHandlerMiddlewareImpl");

        public volatile string? SlowClass;

        protected override void Configure(IDictionary<string, string?> settings) =>
            settings["Logging:LogLevel:EduInfo"] = "Information";

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IIncomingGrainCallFilter>(new SlowWrites(this));
        }

        private sealed class SlowWrites(SlowClassHost host) : IIncomingGrainCallFilter
        {
            public async Task Invoke(IIncomingGrainCallContext call)
            {
                if (call.InterfaceMethod?.DeclaringType == typeof(IClassGrain)
                    && call.InterfaceMethod.Name is nameof(IClassGrain.RecordMarks) or nameof(IClassGrain.SetTermClosed)
                    && call.TargetContext.GrainId.Key.ToString() == host.SlowClass)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    throw new TimeoutException("injected: Response did not arrive on time");
                }
                await call.Invoke();
            }
        }
    }

    [Fact]
    public async Task A_client_that_gives_up_first_is_logged_as_a_cancelled_request_and_one_that_waits_gets_a_503()
    {
        var t = api.Registry.InSchoolClass(3);
        api.SlowClass = t.ClassId;
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var head = $"user=head-cancel; roles=head@{api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";
        object Marks() => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-26", kind = "formative", score = 7 } } };

        // The class is active first: a cold activation (its roster, rules and journal sums) may outlast the impatient
        // client, whose request would then leave before it reached the slow call this test is about.
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary", head)).Status);
        // A journal write and a term close whose clients leave after 1 s (a co-hosted Api waits for the silo's answer, held 2 s).
        await GiveUpAsync($"/api/v1/classes/{t.ClassId}/marks", Marks(), teacher);
        await GiveUpAsync($"/api/v1/classes/{t.ClassId}/terms/2/close", new { reason = "test" }, head);
        // The held calls fail on the server 2 s in, after the clients left: each request ends as cancelled, never as an error.
        await Eventually.MatchesAsync(() => Task.FromResult(Cancelled().Count), n => n == 2, TimeSpan.FromSeconds(10), "two cancelled requests logged");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        // Orleans' timeout reached the exception handler after each client had left: a cancellation, named by its route.
        Assert.All(Cancelled(), e =>
        {
            Assert.EndsWith("ProblemExceptionHandler", e.Category, StringComparison.Ordinal);
            Assert.Contains("TimeoutException", e.Message, StringComparison.Ordinal);
        });
        Assert.Single(Cancelled(), e => e.Message.Contains("/marks", StringComparison.Ordinal));
        Assert.Single(Cancelled(), e => e.Message.Contains("/close", StringComparison.Ordinal));
        Assert.All(Cancelled(), e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.DoesNotContain(api.Logs.Entries, e => e.Level >= LogLevel.Error);

        // The same failure with a client still waiting: the retryable 503 with Retry-After, and still no error logged.
        var patient = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", Marks(), teacher, "en");
        Assert.Equal(503, patient.Status);
        Assert.Equal("https://eduinfo.kz/problems/unavailable", patient.Body.GetProperty("type").GetString());
        Assert.DoesNotContain(api.Logs.Entries, e => e.Level >= LogLevel.Error);
        api.SlowClass = null;
    }

    private List<LogCapture.Entry> Cancelled() =>
        api.Logs.Entries.Where(e => e.Message.StartsWith("Request cancelled by the client", StringComparison.Ordinal)).ToList();

    private async Task GiveUpAsync(string path, object body, string actor)
    {
        using var impatient = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(HttpExtensions.ActorHeader, actor);
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(request));
    }
}
