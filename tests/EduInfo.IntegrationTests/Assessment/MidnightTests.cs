using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// The day turns at Kazakhstan's midnight (UTC+5), not at UTC's: a mark dated Monday is "in the future" until the domain
/// clock passes Sunday 24:00 in Kazakhstan (19:00 UTC, still Sunday there), and then it is accepted; the class's lessons
/// scheduled up to today grow by Monday's timetable.
/// </summary>
public sealed class MidnightTests(MidnightTests.SundayNightHost api) : IClassFixture<MidnightTests.SundayNightHost>
{
    /// <summary>Sunday 29 November 2026, 23:59 in Kazakhstan (18:59 UTC).</summary>
    public sealed class SundayNightHost : ApiHost
    {
        protected override DateTimeOffset PinnedAt => new(2026, 11, 29, 18, 59, 0, TimeSpan.Zero);
    }

    [Fact]
    public async Task A_mark_for_Monday_is_accepted_once_Kazakhstan_midnight_has_passed()
    {
        var t = api.Registry.InSchoolClass(2);
        object Mark() => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-30", kind = "formative", score = 8 } } };
        var teacher = $"user={t.TeacherId}; roles=teacher";
        // Monday's lessons of the class, counted from the timetable table (not by the code under test).
        var mondayLessons = await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM timetable_slots WHERE class_id = @c AND weekday = 1 AND valid_from <= '2026-11-30'", ("c", t.ClassId));
        Assert.True(mondayLessons > 0);
        var sunday = await ScheduledAsync(t.ClassId);

        var early = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", Mark(), teacher, "en");
        Assert.Equal(400, early.Status);
        Assert.Equal("dateInFuture", early.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        api.Time.Advance(TimeSpan.FromMinutes(2)); // 00:01 on Monday in Kazakhstan, 19:01 on Sunday in UTC
        Assert.Equal(new DateOnly(2026, 11, 30), api.Clock.Today);
        var onTime = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", Mark(), teacher, "en");
        Assert.True(onTime.Status == 200, $"{onTime.Status} {onTime.Body}");
        Assert.Equal(sunday + mondayLessons, await ScheduledAsync(t.ClassId));
    }

    private async Task<long> ScheduledAsync(string classId) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{classId}/summary?term=2")).Body.GetProperty("figures").GetProperty("lessonsScheduled").GetInt64();
}
