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
        // Term 1 under the demo week (from 1 September): each of the subject's weekly slots on each school day of
        // 1 September..25 October, counted here from the stored slots and the demo calendar, not by the ledger.
        var demoWeek = await WeekdaysOfAsync(t.ClassId, t.SubjectId);
        Assert.NotEmpty(demoWeek);
        Assert.DoesNotContain(demoWeek, weekday => weekday > 5); // a five-day week: DemoRegistry.SchoolDays counts Monday..Friday
        var term1Scheduled = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 25))
            .Sum(day => demoWeek.Count(weekday => weekday == (int)day.DayOfWeek));
        // The rest of the country is untouched by what follows: settle the roll-up, then take the cell of term 2 in this
        // subject at the class, its organization and the republic.
        var before = await SettledCellsAsync(t.ClassId, t.SubjectId, organization);
        var demoSlots = await api.Db.ScalarAsync<long>("SELECT count(*) FROM timetable_slots WHERE class_id = @c", ("c", t.ClassId));

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
        Assert.Equal(term1Scheduled, (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?term=1&subjectId={t.SubjectId}")).Body
            .GetProperty("figures").GetProperty("lessonsScheduled").GetInt64());
        var slots = (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/timetable")).Body;
        // The demo week is kept as history, ending the day before; from 2 November there is the one new slot, open-ended.
        Assert.Equal(demoSlots + 1, slots.GetArrayLength());
        Assert.Equal([$"{t.SubjectId} 1/1 to "], slots.EnumerateArray().Where(s => s.GetProperty("validFrom").GetString() == "2026-11-02")
            .Select(s => $"{s.GetProperty("subjectId").GetString()} {s.GetProperty("weekday").GetInt32()}/{s.GetProperty("period").GetInt32()} to {s.GetProperty("validTo").GetString()}"));
        Assert.All(slots.EnumerateArray().Where(s => s.GetProperty("validFrom").GetString() != "2026-11-02"),
            s => Assert.Equal(("2026-09-01", "2026-11-01"), (s.GetProperty("validFrom").GetString(), s.GetProperty("validTo").GetString())));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'timetable.replace' AND target_id = @c", ("c", t.ClassId)));

        // Up the hierarchy the same cell adds up: the organization and the republic swap the class's old figures for these
        // four scheduled and one held, to the lesson: what they had less what the class had, plus what it has now.
        var after = await SettledCellsAsync(t.ClassId, t.SubjectId, organization);
        Assert.Equal((4, 1), after.Class);
        Assert.Equal((before.Organization.Scheduled - before.Class.Scheduled + 4, before.Organization.Held - before.Class.Held + 1), after.Organization);
        Assert.Equal((before.Republic.Scheduled - before.Class.Scheduled + 4, before.Republic.Held - before.Class.Held + 1), after.Republic);

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

    /// <summary>The weekdays of the subject's slots in the class's timetable from 1 September (one entry per slot).</summary>
    private async Task<List<int>> WeekdaysOfAsync(string classId, string subjectId)
    {
        await using var command = api.Db.DataSource.CreateCommand(
            "SELECT weekday FROM timetable_slots WHERE class_id = @c AND subject_id = @s AND valid_from = '2026-09-01' AND valid_to IS NULL");
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("s", subjectId);
        await using var reader = await command.ExecuteReaderAsync();
        var weekdays = new List<int>();
        while (await reader.ReadAsync())
        {
            weekdays.Add(reader.GetInt16(0));
        }
        return weekdays;
    }

    private sealed record Cells((long Scheduled, long Held) Class, (long Scheduled, long Held) Organization, (long Scheduled, long Held) Republic);

    /// <summary>
    /// Term 2 of the subject at the class, its organization and the republic, once the republic has every class's
    /// latest version (its version is the sum of the class watermarks).
    /// </summary>
    private async Task<Cells> SettledCellsAsync(string classId, string subjectId, string organization)
    {
        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(30));
        async Task<(long, long)> CellAsync(string node)
        {
            var response = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary?term=2&subjectId={subjectId}");
            Assert.Equal(200, response.Status);
            var figures = response.Body.GetProperty("figures");
            return (figures.GetProperty("lessonsScheduled").GetInt64(), figures.GetProperty("timetabledLessonsHeld").GetInt64());
        }
        return new Cells(await CellAsync(classId), await CellAsync(organization), await CellAsync("KZ"));
    }
}
