using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// The calendar and the policies are data: entries on days without lessons are refused with the reason, operators
/// change the rules through the API (audited), and nothing already recorded moves.
/// </summary>
public sealed class CalendarAndPolicyApiTests : IClassFixture<ApiHost>
{
    private const string Operator = "user=operator; roles=operator@KZ";
    private readonly ApiHost _api;
    private readonly DemoRegistry.Teaching _frozen;
    private readonly DemoRegistry.Teaching _elsewhere;

    public CalendarAndPolicyApiTests(ApiHost api)
    {
        _api = api;
        // Two classes of grade 5 in different districts: the first district has a frost day for grades 1–5.
        var grade5 = api.Registry.Teachings().Where(t => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).Grade == 5)
            .GroupBy(t => t.ClassId).Select(g => g.First()).ToList();
        _frozen = grade5[0];
        _elsewhere = grade5.First(t => District(t) != District(_frozen));
        // Days before today cannot be added through the API (nothing recorded may become invalid), so the test
        // writes its exceptions straight to the store before the calendar is first read.
        var calendar = SyntheticCalendar.For("2026-2027", "school");
        var days = (calendar.Days ?? []).Concat(
        [
            new CalendarDay(new DateOnly(2026, 11, 11), "holiday", null, null, "A test holiday"),
            new CalendarDay(new DateOnly(2026, 11, 12), "cancelled", District(_frozen), [1, 2, 3, 4, 5], "Frost day"),
            new CalendarDay(new DateOnly(2026, 11, 14), "working", null, null, "Moved working day"),
        ]).ToList();
        new AssessmentStore(api.Db.DataSource).WriteCalendarAsync("2026-2027", "school", calendar with { Days = days },
            new AuditEntry("test", [], null, "calendar.set", "calendar", "2026-2027/school", null, "committed")).GetAwaiter().GetResult();
    }

    private string District(DemoRegistry.Teaching t) =>
        _api.Registry.Data.Organizations.Single(o => o.Id == _api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId).NodeId;

    private Task<(int Status, System.Text.Json.JsonElement Body, string? ContentType)> MarkAsync(DemoRegistry.Teaching t, string date, string language = "en") =>
        _api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date, kind = "formative", score = 7 } } },
            $"user={t.TeacherId}; roles=teacher", language);

    [Theory]
    [InlineData("2026-11-21", "dayOff")]          // Saturday, five-day week
    [InlineData("2026-11-22", "dayOff")]          // Sunday
    [InlineData("2026-10-28", "dateOutsideTerm")] // autumn break
    [InlineData("2026-11-11", "dayOff")]          // a holiday on a Wednesday
    [InlineData("2026-11-12", "dayCancelled")]    // frost day in the class's district for grades 1–5
    public async Task An_entry_on_a_day_without_lessons_is_refused_with_the_reason(string date, string code)
    {
        var before = await _api.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        var response = await MarkAsync(_frozen, date);
        Assert.Equal(400, response.Status);
        var error = response.Body.GetProperty("errors")[0];
        Assert.Equal("entries[0].date", error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(date, error.GetProperty("message").GetString());
        Assert.Equal(before, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
    }

    [Theory]
    [InlineData("kk", "сабақтар тоқтатылған")]
    [InlineData("ru", "занятия для этого класса отменены")]
    [InlineData("en", "Lessons were cancelled")]
    public async Task The_reason_is_in_the_readers_language(string language, string text)
    {
        var response = await MarkAsync(_frozen, "2026-11-12", language);
        Assert.Contains(text, response.Body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_cancelled_day_concerns_only_its_area_and_grades_and_a_moved_working_day_has_lessons()
    {
        Assert.Equal(200, (await MarkAsync(_elsewhere, "2026-11-12")).Status);
        Assert.Equal(200, (await MarkAsync(_frozen, "2026-11-14")).Status); // a Saturday worked instead of a holiday
    }

    [Fact]
    public async Task Operators_add_a_future_policy_version_and_a_past_term_keeps_its_policy()
    {
        var versions = await _api.Http.GetJsonAsync("/api/v1/policies/school", $"user={_frozen.TeacherId}; roles=teacher");
        Assert.Equal(200, versions.Status);
        var first = versions.Body[0];
        Assert.Equal(25, first.GetProperty("weights").GetProperty("formative").GetInt32());
        Assert.Equal(50, first.GetProperty("weights").GetProperty("term").GetInt32());

        object Policy(string from, int formative, int section, int term) => new
        {
            effectiveFrom = from, formativeScale = 10, weights = new { formative, section, term },
            bands = new[] { new { fromPercent = 0, mark = 2 }, new { fromPercent = 40, mark = 3 }, new { fromPercent = 65, mark = 4 }, new { fromPercent = 85, mark = 5 } },
            descriptiveGrades = new[] { 1 },
        };
        var today = _api.Clock.Today;
        var later = $"{today.Year + 4}-09-01"; // a future academic year, counted from the pinned date
        var inForce = await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/school", Policy(today.ToString("yyyy-MM-dd"), 30, 30, 40), Operator);
        Assert.Equal(400, inForce.Status);
        Assert.Equal("policyInForce", inForce.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        var badWeights = await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/school", Policy(later, 50, 50, 50), Operator);
        Assert.Equal("policyWeightsInvalid", badWeights.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(403, (await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/school", Policy(later, 30, 30, 40), "user=h; roles=head@KZ")).Status);
        Assert.Equal(404, (await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/university", Policy(later, 30, 30, 40), Operator)).Status);

        Assert.Equal(204, (await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/school", Policy(later, 30, 30, 40), Operator)).Status);
        var after = await _api.Http.GetJsonAsync("/api/v1/policies/school");
        Assert.Equal(2, after.Body.GetArrayLength());
        Assert.Equal(40, after.Body[1].GetProperty("weights").GetProperty("term").GetInt32());
        Assert.Equal(1, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'policy.set' AND actor_id = 'operator'"));
        Assert.Equal(2, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM assessment_policies WHERE org_kind = 'school'"));
    }

    /// <summary>The final attestation's rules are data too (issue 20): the 2020 version stored, a later one added by an operator, audited.</summary>
    [Fact]
    public async Task Operators_add_a_future_final_attestation_version()
    {
        const string Path = "/api/v1/policies/final-attestation";
        var versions = await _api.Http.GetJsonAsync(Path, $"user={_frozen.TeacherId}; roles=teacher");
        Assert.Equal(200, versions.Status);
        var first = versions.Body[0];
        Assert.Equal(("2020-09-01", 11, 3, 2), (first.GetProperty("effectiveFrom").GetString(), first.GetProperty("finalGrade").GetInt32(),
            first.GetProperty("passMark").GetInt32(), first.GetProperty("maxReexaminations").GetInt32()));
        Assert.Equal(["9:basicSecondaryCertificate", "11:generalSecondaryAttestat"],
            first.GetProperty("documents").EnumerateArray().Select(d => $"{d.GetProperty("grade").GetInt32()}:{d.GetProperty("document").GetString()}"));

        object Version(string from, int annualWeight, int examWeight, int finalGrade) => new
        {
            effectiveFrom = from, documents = new[] { new { grade = 9, document = "basicSecondaryCertificate" }, new { grade = 12, document = "generalSecondaryAttestat" } },
            finalGrade, annualWeight, examWeight, passMark = 3, maxReexaminations = 1,
        };
        var later = $"{_api.Clock.Today.Year + 3}-09-01";
        var inForce = await _api.Http.SendJsonAsync(HttpMethod.Put, Path, Version(_api.Clock.Today.ToString("yyyy-MM-dd"), 1, 1, 12), Operator, "kk");
        Assert.Equal((400, "effectiveFrom:policyInForce"), (inForce.Status, Error(inForce.Body)));
        var notFinal = await _api.Http.SendJsonAsync(HttpMethod.Put, Path, Version(later, 1, 1, 11), Operator, "ru");
        Assert.Equal((400, "finalGrade:attestationFinalGradeInvalid"), (notFinal.Status, Error(notFinal.Body)));
        Assert.Equal("Выпускной класс должен быть одним из аттестуемых.", notFinal.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(403, (await _api.Http.SendJsonAsync(HttpMethod.Put, Path, Version(later, 1, 2, 12), "user=h; roles=head@KZ")).Status);

        Assert.Equal(204, (await _api.Http.SendJsonAsync(HttpMethod.Put, Path, Version(later, 1, 2, 12), Operator)).Status);
        var after = (await _api.Http.GetJsonAsync(Path)).Body;
        Assert.Equal(2, after.GetArrayLength());
        Assert.Equal((later, 2, 12), (after[1].GetProperty("effectiveFrom").GetString(), after[1].GetProperty("examWeight").GetInt32(), after[1].GetProperty("finalGrade").GetInt32()));
        Assert.Equal(1, await _api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'attestation-policy.set' AND actor_id = 'operator' AND target_id = @t", ("t", $"final-attestation/{later}")));
    }

    private static string Error(System.Text.Json.JsonElement body) =>
        $"{body.GetProperty("errors")[0].GetProperty("field").GetString()}:{body.GetProperty("errors")[0].GetProperty("code").GetString()}";

    [Fact]
    public async Task Operators_change_the_calendar_without_moving_what_is_recorded()
    {
        var current = await _api.Http.GetJsonAsync("/api/v1/calendars/2026-2027/school");
        Assert.Equal(200, current.Status);
        Assert.Equal(4, current.Body.GetProperty("terms").GetArrayLength());
        Assert.Equal(404, (await _api.Http.GetJsonAsync("/api/v1/calendars/2019-2020/school")).Status);

        var calendar = SyntheticCalendar.For("2026-2027", "school");
        // Moving the start of a term that has begun would move recorded entries between terms: refused.
        var moved = calendar with { Terms = [new TermDates(1, new DateOnly(2026, 9, 7), new DateOnly(2026, 10, 25)), .. calendar.Terms!.Skip(1)] };
        var refused = await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/calendars/2026-2027/school", moved, Operator);
        Assert.Equal(400, refused.Status);
        Assert.Equal("calendarTermStarted", refused.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        // A frost day declared for a future date is accepted (with the past days kept as they were).
        var frost = new CalendarDay(new DateOnly(2027, 1, 20), "cancelled", District(_frozen), [1, 2, 3, 4, 5, 6], "Frost day");
        var kept = current.Body.GetProperty("days").EnumerateArray()
            .Select(d => new CalendarDay(DateOnly.Parse(d.GetProperty("day").GetString()!), d.GetProperty("kind").GetString(),
                d.GetProperty("nodeId").GetString(), d.GetProperty("grades").ValueKind == System.Text.Json.JsonValueKind.Array
                    ? d.GetProperty("grades").EnumerateArray().Select(g => g.GetInt32()).ToList() : null, d.GetProperty("reason").GetString()))
            .Append(frost).ToList();
        var accepted = await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/calendars/2026-2027/school", calendar with { Days = kept }, Operator);
        Assert.True(accepted.Status == 204, $"{accepted.Status} {accepted.Body}");
        Assert.Equal(1, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM calendar_days WHERE day = '2027-01-20' AND kind = 'cancelled'"));
        Assert.Equal(1, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'calendar.set' AND actor_id = 'operator' AND target_id = '2026-2027/school'"));

        // Dropping a past day (the test holiday) is refused.
        var dropped = await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/calendars/2026-2027/school",
            calendar with { Days = kept.Where(d => d.Day != new DateOnly(2026, 11, 11)).ToList() }, Operator);
        Assert.Equal("calendarDayPast", dropped.Body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_next_year_gets_a_synthetic_calendar_until_an_operator_sets_the_real_one()
    {
        // Today is in 2026-2027: 2027-2028 has no calendar loaded, so the calendar grain generates one, stored and marked.
        var generated = await _api.Http.GetJsonAsync("/api/v1/calendars/2027-2028/college");
        Assert.Equal(200, generated.Status);
        Assert.True(generated.Body.GetProperty("synthetic").GetBoolean());
        Assert.Equal(["2027-09-01", "2028-01-12"], generated.Body.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("starts").GetString()));
        Assert.Equal(1, await _api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'calendar.generate' AND actor_id = 'system' AND target_id = '2027-2028/college'"));
        // Neither this year nor the next: nothing is made up.
        Assert.Equal(404, (await _api.Http.GetJsonAsync("/api/v1/calendars/2028-2029/college")).Status);

        // An operator's calendar replaces it, and is never synthetic, whatever the body says.
        var real = SyntheticCalendar.For("2027-2028", "college") with { Days = [] };
        Assert.Equal(204, (await _api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/calendars/2027-2028/college", real, Operator)).Status);
        var set = await _api.Http.GetJsonAsync("/api/v1/calendars/2027-2028/college");
        Assert.False(set.Body.GetProperty("synthetic").GetBoolean());
        Assert.Empty(set.Body.GetProperty("days").EnumerateArray());
        Assert.Equal(0, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM synthetic_calendars WHERE academic_year = '2027-2028' AND org_kind = 'college'"));
    }
}
