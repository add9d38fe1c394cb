using System.Text.Json;
using EduInfo.Domain.Ratings;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Open regional ratings (issue 21, order point 12.5): a methodology version set by an operator, targets set from above
/// (a region's own never counts, and cannot replace one from above), lessons that make the regions' attendance differ,
/// a publication by the Ministry read anonymously in kk and ru — its ranks equal those recomputed from the journal's
/// rows by SQL — frozen against a later lesson, and the next publication changed by it.
/// </summary>
public sealed class RatingApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Operator = "user=rating-op; roles=operator@KZ";
    private const string Analyst = "user=rating-analyst; roles=ministry_analyst@KZ";

    [Fact]
    public async Task The_ministry_publishes_a_frozen_rating_of_the_regions_that_the_journal_reproduces()
    {
        var data = api.Registry.Data;
        var regions = data.Nodes.Where(n => n.Kind == "region").Select(n => n.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(regions.Count >= 3, "the tiny country has at least three regions");
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/ratings/{data.Classes[0].Id}", actor: null)).Status);
        var versions = await api.Http.GetJsonAsync("/api/v1/public/ratings/methodologies", actor: null);
        Assert.Equal((200, 1), (versions.Status, versions.Body.GetArrayLength()));

        // Targets: the Ministry sets attendance 95 % for every region but the last; the last region sets its own, which
        // does not count; the first region cannot replace the Ministry's.
        foreach (var region in regions.SkipLast(1))
        {
            Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{region}/targets/attendanceRate", new { targetPercent = 95 }, Analyst)).Status);
        }
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{regions[^1]}/targets/attendanceRate", new { targetPercent = 50 },
            $"user=own; roles=region_officer@{regions[^1]}")).Status);
        var replaced = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{regions[0]}/targets/attendanceRate", new { targetPercent = 10 },
            $"user=own; roles=region_officer@{regions[0]}", "ru");
        Assert.Equal(400, replaced.Status);
        Assert.Equal("Эту цель поставил вышестоящий орган: сама территория её не меняет.", replaced.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(regions.Count - 1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM regional_targets WHERE set_from_above"));

        // One lesson in a school class of each region: the second region has nobody absent like the first (a tie), the others more and more.
        var lessons = 0L;
        for (var i = 0; i < regions.Count; i++)
        {
            var t = SchoolTeachingIn(regions[i]);
            var absent = i == 1 ? 0 : i;
            await LessonAsync(t, "2026-11-26", 1, absent);
            lessons++;
        }
        await ConvergedAsync(lessons);

        // A methodology from tomorrow: attendance 3, target attainment 1, minimum 30 pupils. Then it is tomorrow.
        var methodology = new
        {
            effectiveFrom = "2026-11-28", indicators = new[] { new { indicator = "attendance", weight = 3 }, new { indicator = "targetAttainment", weight = 1 } },
            minimumStudents = 30, note = new { kk = "Сынақ әдістемесі", ru = "Тестовая методика", en = "A test methodology" },
        };
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/rating-methodology", methodology, Operator)).Status);
        api.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(403, (await api.Http.PostJsonAsync("/api/v1/nodes/KZ/rating/publish", null, $"user=r; roles=region_officer@{regions[0]}")).Status);
        var published = await api.Http.PostJsonAsync("/api/v1/nodes/KZ/rating/publish", null, Analyst);
        Assert.True(published.Status == 200, $"{published.Status} {published.Body}");
        var first = published.Body.GetProperty("publicationId").GetInt64();

        // Read anonymously: the last region has no target from above, so it is not ranked; the others as the journal says.
        var rating = (await api.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null, acceptLanguage: "ru")).Body;
        Assert.Equal(("regions", "Рейтинг областей", "Тестовая методика"), (rating.GetProperty("level").GetString(), rating.GetProperty("levelName").GetString(),
            rating.GetProperty("methodology").GetProperty("note").GetString()));
        Assert.Equal(["attendance", "targetAttainment"], rating.GetProperty("methodology").GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicator").GetString()));
        var expected = await FromJournalAsync(regions);
        Assert.Equal(Ranks(expected), Ranks(rating));
        var own = rating.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == regions[^1]);
        Assert.Equal(("indicatorMissing", "Достижение целей, поставленных сверху"), (own.GetProperty("standing").GetString(), own.GetProperty("missing").GetString()));
        var units = rating.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal((1, 1), (units[0].GetProperty("rank").GetInt32(), units[1].GetProperty("rank").GetInt32())); // the tie
        var kk = (await api.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null, acceptLanguage: "kk")).Body;
        Assert.Equal(("Облыстар рейтингі", "Сынақ әдістемесі"), (kk.GetProperty("levelName").GetString(), kk.GetProperty("methodology").GetProperty("note").GetString()));
        var text = rating.GetRawText();
        Assert.DoesNotContain(data.Classes[0].Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain("studentId", text, StringComparison.Ordinal);

        // Frozen: a lesson with absentees in the leading region moves the live figures, not the publication.
        await LessonAsync(SchoolTeachingIn(regions[0]), "2026-11-27", 2, 6);
        await ConvergedAsync(++lessons);
        var after = (await api.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null, acceptLanguage: "ru")).Body;
        Assert.Equal((first, rating.GetProperty("units").GetRawText()), (after.GetProperty("publicationId").GetInt64(), after.GetProperty("units").GetRawText()));

        // The next publication does change it, and matches the journal again.
        var next = await api.Http.PostJsonAsync("/api/v1/nodes/KZ/rating/publish", null, Operator);
        Assert.True(next.Status == 200 && next.Body.GetProperty("publicationId").GetInt64() > first, $"{next.Status} {next.Body}");
        var republished = (await api.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null)).Body;
        Assert.NotEqual(Ranks(rating), Ranks(republished));
        Assert.Equal(Ranks(await FromJournalAsync(regions)), Ranks(republished));
        Assert.Equal(2, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'rating.publish' AND target_id = 'KZ'"));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'rating-methodology.set'"));
    }

    [Fact]
    public async Task Only_areas_have_ratings_and_a_methodology_must_be_valid()
    {
        var school = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/nodes/{school}/rating/publish", null, Operator)).Status);
        var bad = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/rating-methodology", new
        {
            effectiveFrom = "2031-09-01", indicators = new[] { new { indicator = "attendance", weight = 0 } }, minimumStudents = 5,
            note = new { kk = "ә", ru = "\u202Eя", en = "x" },
        }, Operator, "en");
        Assert.Equal(400, bad.Status);
        Assert.Equal(["indicators:ratingIndicatorsInvalid", "minimumStudents:attestationValueOutOfRange", "note.ru:ratingNoteInvalid"],
            bad.Body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));
    }

    private DemoRegistry.Teaching SchoolTeachingIn(string region)
    {
        var data = api.Registry.Data;
        var districts = data.Nodes.Where(n => n.ParentId == region).Select(n => n.Id).ToHashSet();
        var school = data.Organizations.Where(o => o.Kind == "school" && districts.Contains(o.NodeId)).OrderBy(o => o.Id, StringComparer.Ordinal).First().Id;
        return api.Registry.Teachings().Where(t => data.Classes.Single(c => c.Id == t.ClassId).OrganizationId == school).OrderBy(t => t.ClassId).First();
    }

    private async Task LessonAsync(DemoRegistry.Teaching t, string date, int period, int absent)
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date, period, absentees = t.Roster.Take(absent).Select(s => new { studentId = s, code = "unexcused" }).ToArray() } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
    }

    private Task ConvergedAsync(long lessons) => Eventually.MatchesAsync(async () => (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary")).Body,
        s => s.GetProperty("figures").GetProperty("lessonsHeld").GetInt64() == lessons, TimeSpan.FromSeconds(30), "the lessons reach the republic");

    /// <summary>
    /// The ranking recomputed from the journal's rows and the targets table by SQL (not from any summary): each region's
    /// school lesson-seats held and attended, its pupils enrolled today, and its attendance targets set from above.
    /// </summary>
    private async Task<Ranking> FromJournalAsync(IReadOnlyList<string> regions)
    {
        var inputs = new List<RatingInput>();
        foreach (var region in regions)
        {
            var seats = await api.Db.ScalarAsync<long>("""
                SELECT coalesce(sum(cardinality(j.roster)), 0) FROM journal j JOIN organizations o ON o.id = j.organization_id JOIN nodes d ON d.id = o.node_id
                WHERE j.entry_kind = 'lesson' AND o.kind = 'school' AND (d.parent_id = @r OR d.id = @r)
                """, ("r", region));
            var absent = await api.Db.ScalarAsync<long>("""
                SELECT coalesce(sum((SELECT count(*) FROM unnest(j.absent_codes) c WHERE c <> 'late')), 0)
                FROM journal j JOIN organizations o ON o.id = j.organization_id JOIN nodes d ON d.id = o.node_id
                WHERE j.entry_kind = 'lesson' AND o.kind = 'school' AND (d.parent_id = @r OR d.id = @r)
                """, ("r", region));
            var students = await api.Db.ScalarAsync<long>("""
                SELECT count(DISTINCT e.student_id) FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id
                JOIN nodes d ON d.id = o.node_id
                WHERE (d.parent_id = @r OR d.id = @r) AND e.from_date <= '2026-11-28' AND (e.to_date IS NULL OR e.to_date >= '2026-11-28')
                """, ("r", region));
            var stored = await api.Db.ScalarAsync<decimal>(
                "SELECT coalesce(max(target_percent), -1) FROM regional_targets WHERE node_id = @r AND metric = 'attendanceRate' AND set_from_above", ("r", region));
            decimal? target = stored < 0 ? null : stored;
            var attendance = seats == 0 ? (decimal?)null : 100m * (seats - absent) / seats;
            inputs.Add(new RatingInput(region, students, new Dictionary<RatingIndicator, decimal?>
            {
                [RatingIndicator.Attendance] = attendance,
                [RatingIndicator.TargetAttainment] = target is { } t && attendance is { } a ? 100m * Math.Min(1m, a / t) : null,
            }));
        }
        var methodology = RatingMethodologies.Default with
        {
            Indicators = [new IndicatorWeight("attendance", 3), new IndicatorWeight("targetAttainment", 1)], MinimumStudents = 30,
        };
        return RatingCalculator.Rank(methodology, inputs);
    }

    private static string Ranks(Ranking r) => string.Join(" ", r.Units.Select(u => $"{u.UnitId}:{u.Rank}:{u.Score?.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}"));

    private static string Ranks(JsonElement rating) => string.Join(" ", rating.GetProperty("units").EnumerateArray().Select(u =>
        $"{u.GetProperty("unitId").GetString()}:{(u.GetProperty("rank").ValueKind == JsonValueKind.Null ? "" : u.GetProperty("rank").GetInt32())}:"
        + (u.GetProperty("score").ValueKind == JsonValueKind.Null ? "" : u.GetProperty("score").GetDecimal().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture))));
}
