using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>An Api whose live streams send a heartbeat after one idle second.</summary>
public sealed class QuickHeartbeatApiHost : ApiHost
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Live:HeartbeatInterval"] = "00:00:01";
}

/// <summary>Server-Sent Events: summaries and diaries pushed after a write, resumable with Last-Event-ID, authorized.</summary>
public sealed class LiveTests(QuickHeartbeatApiHost api) : IClassFixture<QuickHeartbeatApiHost>
{
    private Task<EventStream> OpenAsync(string path, string actor, string? lastEventId = null) => EventStream.OpenAsync(api.Http, path, actor, lastEventId);

    [Fact]
    public async Task A_summary_is_pushed_after_a_write_and_a_reconnect_resumes_from_its_id()
    {
        var t = api.Registry.InClass(0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var events = await OpenAsync($"/api/v1/nodes/{t.ClassId}/live", HttpExtensions.Analyst))
        {
            var first = await events.NextOfTypeAsync("summary", _ => true, timeout.Token);
            var marksBefore = first.Data.GetProperty("figures").GetProperty("formativeMarks").GetInt64();
            Assert.Equal(first.Data.GetProperty("version").GetInt64().ToString(), first.Id);

            var ack = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 9 } },
            }, $"user={t.TeacherId}; roles=teacher");
            Assert.Equal(200, ack.Status);
            var watermark = ack.Body.GetProperty("watermark").GetInt64();

            var pushed = await events.NextOfTypeAsync("summary", e => e.Data.GetProperty("version").GetInt64() >= watermark, timeout.Token);
            Assert.Equal(marksBefore + 1, pushed.Data.GetProperty("figures").GetProperty("formativeMarks").GetInt64());

            // Reconnecting with the last id sent: nothing is repeated; the first event is a heartbeat.
            using (var resumed = await OpenAsync($"/api/v1/nodes/{t.ClassId}/live", HttpExtensions.Analyst, pushed.Id))
            {
                Assert.Equal("heartbeat", (await resumed.NextAsync(timeout.Token)).Type);
            }
        }
    }

    [Fact]
    public async Task A_diary_is_pushed_to_its_reader_after_a_mark()
    {
        var t = api.Registry.InClass(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var teacher = $"user={t.TeacherId}; roles=teacher";
        using (var events = await OpenAsync($"/api/v1/students/{t.Roster[0]}/live?lang=en", teacher))
        {
            var first = await events.NextOfTypeAsync("diary", _ => true, timeout.Token);
            var before = first.Data.GetProperty("marks").GetArrayLength();
            Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 6 } },
            }, teacher)).Status);
            var pushed = await events.NextOfTypeAsync("diary", e => e.Data.GetProperty("marks").GetArrayLength() > before, timeout.Token);
            Assert.Equal(6, pushed.Data.GetProperty("marks")[before].GetProperty("score").GetInt32());
        }
        Assert.True(await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'diary.live' AND target_id = @s AND outcome = 'ok'", ("s", t.Roster[0])) >= 1);
    }

    [Fact]
    public async Task Live_views_keep_the_authorization_of_their_reads()
    {
        var t = api.Registry.InClass(2);
        using var node = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{t.ClassId}/live");
        node.Headers.Add(HttpExtensions.ActorHeader, $"user=p; person=P99999; roles=parent@P99999");
        using var refused = await api.Http.SendAsync(node, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var diary = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/students/{t.Roster[0]}/live");
        diary.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        using var denied = await api.Http.SendAsync(diary, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(403, (int)denied.StatusCode);
    }
}
