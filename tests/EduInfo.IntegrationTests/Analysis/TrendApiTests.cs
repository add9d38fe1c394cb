using EduInfo.Hosting;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Analysis;

/// <summary>
/// Daily trends (issue 19) over the real capture, PostgreSQL and HTTP: a day is captured once across silos, at its end,
/// as the roll-up held it; a day the cluster was down is recorded missing and never back-filled; a correction of an old
/// mark moves today's live value, never a captured day. The host's clock is moved forward, so the class has its own host.
/// </summary>
public sealed class TrendApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Days_are_captured_once_at_their_end_a_day_down_is_missing_and_a_correction_moves_only_today()
    {
        var t = api.Registry.InSchoolClass(0);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var capture = api.Services.GetRequiredService<DailyCapture>();

        // Thursday's figures (nothing written yet) are captured; twice at once, as two silos would, keeps one.
        var twice = await Task.WhenAll(capture.CaptureAsync(new DateOnly(2026, 11, 26)), capture.CaptureAsync(new DateOnly(2026, 11, 26)));
        Assert.Equal(1, twice.Count(c => c));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM day_captures WHERE day = '2026-11-26' AND status = 'captured'"));
        var nodes = await api.Db.ScalarAsync<int>("SELECT nodes FROM day_captures WHERE day = '2026-11-26'");
        Assert.Equal(api.Registry.Data.Nodes.Count + api.Registry.Data.Organizations.Count, nodes); // every area (the republic too) and organization

        // Friday: one absentee in a roll-call of 4+ pupils, and a formative mark; the republic shows them, then Friday ends.
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-27", period = 1, absentees = new[] { new { studentId = t.Roster[0], code = "unexcused" } } } },
        }, teacher);
        Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
        var mark = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-11-27", kind = "formative", score = 4 } },
        }, teacher);
        Assert.True(mark.Status == 200, $"{mark.Status} {mark.Body}");
        var sequence = mark.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        await Eventually.MatchesAsync(() => FiguresAsync("KZ"), f => f.GetProperty("formativeMarks").GetInt64() == 1 && f.GetProperty("seatsHeld").GetInt64() > 0,
            TimeSpan.FromSeconds(20), "the republic counts Friday's roll-call and mark");
        var seats = (await FiguresAsync(district)).GetProperty("seatsHeld").GetInt64();
        var fridayAttendance = Math.Round(100m * (seats - 1) / seats, 2, MidpointRounding.AwayFromZero);
        api.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 19, 5, 0, TimeSpan.Zero)); // 00:05 on Saturday in Kazakhstan
        Assert.True(await capture.CaptureAsync(new DateOnly(2026, 11, 27)));

        // The cluster is down from Saturday to Monday night: Saturday is missing (Sunday is no school day), Monday captured.
        api.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 19, 5, 0, TimeSpan.Zero));
        Assert.True(await capture.CaptureAsync(new DateOnly(2026, 11, 30)));
        Assert.Equal("missing", await api.Db.ScalarAsync<string>("SELECT status FROM day_captures WHERE day = '2026-11-28'"));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM day_captures WHERE day = '2026-11-29'"));
        Assert.False(await capture.CaptureAsync(new DateOnly(2026, 11, 28)), "a missing day is never back-filled");

        // On Tuesday the Friday mark is corrected from 4 to 9: today's value moves, Friday's captured one does not.
        var correction = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "replace", score = 9, reason = "Typed 4 instead of 9" }, teacher);
        Assert.True(correction.Status == 200, $"{correction.Status} {correction.Body}");
        await Eventually.MatchesAsync(() => FiguresAsync("KZ"), f => f.GetProperty("formativeScoreSum").GetInt64() == 9, TimeSpan.FromSeconds(20), "the republic counts the correction");

        var fo = (await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/trends?metric=formativePercent&term=2", acceptLanguage: "kk")).Body;
        var points = fo.GetProperty("points").EnumerateArray()
            .ToDictionary(p => p.GetProperty("date").GetString()!, p => (Value: p.GetProperty("value").ValueKind == System.Text.Json.JsonValueKind.Null ? (decimal?)null : p.GetProperty("value").GetDecimal(), Missing: p.GetProperty("missing").GetBoolean()));
        Assert.Equal((null, false), points["2026-11-26"]); // no formative mark yet: nothing to rate
        Assert.Equal((40m, false), points["2026-11-27"]);   // 4 of 10, as it stood when Friday ended
        Assert.Equal((null, true), points["2026-11-28"]);
        Assert.False(points.ContainsKey("2026-11-29"));
        Assert.Equal((40m, false), points["2026-11-30"]);   // unchanged on Monday: carried, not re-read
        Assert.Equal(90m, fo.GetProperty("today").GetProperty("value").GetDecimal());
        Assert.Equal("2026-12-01", fo.GetProperty("today").GetProperty("date").GetString());

        var attendance = (await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/trends?metric=attendance")).Body;
        Assert.Equal(fridayAttendance, attendance.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("date").GetString() == "2026-11-27").GetProperty("value").GetDecimal());
        // The organization has a series of its own, read from the same capture (its grain was never asked).
        var school = (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/trends?metric=formativePercent&term=2")).Body;
        Assert.Equal(40m, school.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("date").GetString() == "2026-11-27").GetProperty("value").GetDecimal());
    }

    private async Task<System.Text.Json.JsonElement> FiguresAsync(string nodeId) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/summary")).Body.GetProperty("figures");
}
