using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>Timetables through the API, and completeness (lessons with a roll-call ÷ lessons scheduled) at every level.</summary>
public sealed class TimetableApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Completeness_counts_the_scheduled_lessons_on_school_days_and_the_roll_calls_taken()
    {
        var t = api.Registry.InSchoolClass(5);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var head = $"user=head; roles=head@{organization}";
        // From 2 November the subject has one lesson a week, Monday period 1: Mondays 2, 9, 16 and 23 November up to today.
        var replaced = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/classes/{t.ClassId}/timetable",
            new { validFrom = "2026-11-02", slots = new[] { new { subjectId = t.SubjectId, weekday = 1, period = 1 } } }, head);
        Assert.True(replaced.Status == 204, $"{replaced.Status} {replaced.Body}");
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-16", period = 1, absentees = Array.Empty<object>() } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.Equal(200, lesson.Status);

        var cell = (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?term=2&subjectId={t.SubjectId}")).Body;
        Assert.Equal((4, 1), (cell.GetProperty("figures").GetProperty("lessonsScheduled").GetInt64(), cell.GetProperty("figures").GetProperty("timetabledLessonsHeld").GetInt64()));
        Assert.Equal(25m, cell.GetProperty("rates").GetProperty("completeness").GetDecimal());
        // Term 1 keeps the timetable it had (the demo week from 1 September).
        Assert.True((await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?term=1&subjectId={t.SubjectId}")).Body
            .GetProperty("figures").GetProperty("lessonsScheduled").GetInt64() > 4);
        var slots = (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/timetable")).Body;
        Assert.Contains(slots.EnumerateArray(), s => s.GetProperty("validFrom").GetString() == "2026-11-02" && s.GetProperty("weekday").GetInt32() == 1);
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'timetable.replace' AND target_id = @c", ("c", t.ClassId)));

        // Up the hierarchy the same cell adds up: the republic's scheduled lessons include these four.
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/summary?term=2&subjectId={t.SubjectId}"),
            r => r.Body.GetProperty("figures").GetProperty("timetabledLessonsHeld").GetInt64() >= 1, TimeSpan.FromSeconds(20), "organization completeness");

        // Refusals: a teacher may not replace it; bad slots are named.
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/classes/{t.ClassId}/timetable",
            new { validFrom = "2026-11-02", slots = Array.Empty<object>() }, $"user={t.TeacherId}; roles=teacher")).Status);
        var bad = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/classes/{t.ClassId}/timetable", new
        {
            validFrom = "2026-11-02",
            slots = new object[]
            {
                new { subjectId = t.SubjectId, weekday = 8, period = 1 },
                new { subjectId = "NOPE", weekday = 1, period = 2 },
                new { subjectId = t.SubjectId, weekday = 2, period = 3 },
                new { subjectId = t.SubjectId, weekday = 2, period = 3 },
            },
        }, head, "en");
        Assert.Equal(400, bad.Status);
        Assert.Equal(["slots[0].weekday:weekdayOutOfRange", "slots[1].subjectId:subjectNotTaught", "slots[3].period:slotDuplicate"],
            bad.Body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray());
    }
}
