using System.Net.Http.Json;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// A request that outlives the request timeout (a silo that died mid-call, a machine far behind) is answered like
/// every other retryable failure: a 503 with Retry-After and the localized "unavailable" problem, never the bare
/// status the timeout middleware writes by itself (seen in the cluster fault test on a loaded machine).
/// </summary>
public sealed class RequestTimeoutTests(RequestTimeoutTests.SlowHost api) : IClassFixture<RequestTimeoutTests.SlowHost>
{
    public sealed class SlowHost : ApiHost
    {
        public volatile string? SlowClass;

        // Set when the slow write is inside the class grain, i.e. holds the only write slot.
        public volatile TaskCompletionSource Holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            // One write at once and a patient queue: a second write waits for the first until its request times out.
            settings["RateLimits:RequestTimeout"] = "00:00:01";
            settings["Admission:MaxConcurrentWrites"] = "1";
            settings["Admission:QueueLimit"] = "4";
            settings["Admission:QueueTimeout"] = "00:00:20";
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IIncomingGrainCallFilter>(new SlowWrites(this));

        // The class answers, but only after the request timeout: it holds the one write slot for 4 s.
        private sealed class SlowWrites(SlowHost host) : IIncomingGrainCallFilter
        {
            public async Task Invoke(IIncomingGrainCallContext call)
            {
                if (call.InterfaceMethod?.DeclaringType == typeof(IClassGrain) && call.InterfaceMethod.Name == nameof(IClassGrain.RecordMarks)
                    && call.TargetContext.GrainId.Key.ToString() == host.SlowClass)
                {
                    host.Holding.TrySetResult();
                    await Task.Delay(TimeSpan.FromSeconds(4));
                }
                await call.Invoke();
            }
        }
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task A_request_past_its_timeout_gets_a_retryable_localized_503(string language)
    {
        var slow = api.Registry.InSchoolClass(4);
        var t = api.Registry.InSchoolClass(5);
        api.Holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.SlowClass = slow.ClassId;
        using var holding = Write(slow, language);
        var first = api.Http.SendAsync(holding);
        // Send the second write only once the slow one holds the slot: a fixed pause raced the first activation on a
        // loaded machine, and the second write then took the slot itself.
        await api.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var request = Write(t, language);
        using var response = await api.Http.SendAsync(request);
        // The slot's holder still succeeds: only a request that waits on something cancellable is cut at its timeout.
        Assert.Equal(200, (int)(await first).StatusCode);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://eduinfo.kz/problems/unavailable", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(language, body.RootElement.GetProperty("language").GetString());
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
        Assert.Equal(EduInfo.Grains.Interfaces.Localization.Messages.Get("problem.unavailable.title", language), body.RootElement.GetProperty("title").GetString());
    }

    private static HttpRequestMessage Write(DemoRegistry.Teaching t, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks")
        {
            Content = JsonContent.Create(new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-26", kind = "formative", score = 7 } },
            }),
        };
        request.Headers.Add(HttpExtensions.ActorHeader, $"user={t.TeacherId}; roles=teacher");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }
}
