using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>The journal write path through HTTP: all or nothing, idempotent, localized problem details.</summary>
public abstract class JournalApiTests<THost>(THost api) : IClassFixture<THost> where THost : class, IApiHost
{
    private DemoRegistry.Teaching Teaching(int index) => api.Registry.InClass(index);

    private static string Teacher(DemoRegistry.Teaching t) => $"user={t.TeacherId}; roles=teacher";

    private static object Mark(DemoRegistry.Teaching t, int student, object? score, Guid? id = null, string date = "2026-11-16") =>
        new { entryId = id ?? Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date, kind = "formative", score };

    private Task<long> Rows(string classId) => api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", classId));

    private static void AssertProblem(int status, (int Status, JsonElement Body, string? ContentType) response)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(status, response.Body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_batch_is_committed_and_acknowledged_with_sequence_numbers()
    {
        var t = Teaching(0);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 0, 7), Mark(t, 1, 10), Mark(t, 2, 1) } }, Teacher(t));

        Assert.Equal(200, response.Status);
        Assert.Equal(3, response.Body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, response.Body.GetProperty("duplicates").GetInt32());
        Assert.All(response.Body.GetProperty("entries").EnumerateArray(), e => Assert.Equal("inserted", e.GetProperty("status").GetString()));
        Assert.Equal(3, await Rows(t.ClassId));
        Assert.Equal(18, await api.Db.ScalarAsync<long>("SELECT sum(score) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
        Assert.Equal(t.TeacherId, await api.Db.ScalarAsync<string>("SELECT DISTINCT author_id FROM journal WHERE class_id = @c", ("c", t.ClassId)));

        var summary = await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary");
        Assert.Equal(200, summary.Status);
        Assert.Equal(3, summary.Body.GetProperty("figures").GetProperty("formativeMarks").GetInt64());
        Assert.Equal(6.0m, summary.Body.GetProperty("rates").GetProperty("formativeAverage").GetDecimal());
        Assert.Equal(response.Body.GetProperty("watermark").GetInt64(), summary.Body.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("kk", "Балл 1 мен 10 аралығында болуы керек.")]
    [InlineData("ru", "Балл должен быть от 1 до 10.")]
    [InlineData("en", "The score must be between 1 and 10.")]
    public async Task One_bad_entry_refuses_the_whole_batch_with_a_localized_400_and_writes_nothing(string language, string message)
    {
        var t = Teaching(1);
        var before = await Rows(t.ClassId);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 0, 7), Mark(t, 1, 11), Mark(t, 2, 5) } }, Teacher(t), acceptLanguage: language);

        AssertProblem(400, response);
        Assert.Equal(language, response.Body.GetProperty("language").GetString());
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("entries[1].score", error.GetProperty("field").GetString());
        Assert.Equal("scoreOutOfRange", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(before, await Rows(t.ClassId));
    }

    [Fact]
    public async Task A_retried_batch_is_reported_as_duplicates_and_adds_nothing()
    {
        var t = Teaching(2);
        var batch = new { entries = new[] { Mark(t, 0, 6), Mark(t, 1, 8) } };
        var first = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", batch, Teacher(t));
        Assert.Equal(200, first.Status);
        var rows = await Rows(t.ClassId);

        var retry = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", batch, Teacher(t));
        Assert.Equal(200, retry.Status);
        Assert.Equal(0, retry.Body.GetProperty("inserted").GetInt32());
        Assert.Equal(2, retry.Body.GetProperty("duplicates").GetInt32());
        Assert.Equal(
            first.Body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()),
            retry.Body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(rows, await Rows(t.ClassId));
        var summary = await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary");
        Assert.Equal(2, summary.Body.GetProperty("figures").GetProperty("formativeMarks").GetInt64());
    }

    [Fact]
    public async Task The_same_entry_id_with_another_payload_is_a_409_and_writes_nothing()
    {
        var t = Teaching(3);
        var id = Guid.NewGuid();
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = new[] { Mark(t, 0, 6, id) } }, Teacher(t))).Status);
        var rows = await Rows(t.ClassId);

        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 1, 9), Mark(t, 0, 7, id) } }, Teacher(t), acceptLanguage: "ru");
        AssertProblem(409, response);
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("entries[1].entryId", error.GetProperty("field").GetString());
        Assert.Equal("entryIdConflict", error.GetProperty("code").GetString());
        Assert.Equal(rows, await Rows(t.ClassId));
        Assert.Equal(6, await api.Db.ScalarAsync<int>("SELECT score FROM journal WHERE entry_id = @e", ("e", id)));
    }

    [Fact]
    public async Task A_roll_call_is_recorded_once_per_lesson()
    {
        var t = Teaching(4);
        var lesson = new
        {
            entries = new[]
            {
                new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 3,
                      absentees = new[] { new { studentId = t.Roster[0], code = "sick" }, new { studentId = t.Roster[1], code = "late" } } },
            },
        };
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", lesson, Teacher(t));
        Assert.Equal(200, response.Status);

        var figures = (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary")).Body.GetProperty("figures");
        Assert.Equal(1, figures.GetProperty("lessonsHeld").GetInt64());
        Assert.Equal(t.Roster.Length, figures.GetProperty("seatsHeld").GetInt64());
        Assert.Equal(t.Roster.Length - 1, figures.GetProperty("attended").GetInt64());
        Assert.Equal((1L, 1L), (figures.GetProperty("absentSick").GetInt64(), figures.GetProperty("late").GetInt64()));

        var again = new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 3, absentees = Array.Empty<object>() } } };
        var clash = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", again, Teacher(t));
        AssertProblem(409, clash);
        Assert.Equal("lessonAlreadyRecorded", clash.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, await Rows(t.ClassId));

        var diary = await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[0]}/diary", Teacher(t), acceptLanguage: "ru");
        Assert.Equal(200, diary.Status);
        var absence = Assert.Single(diary.Body.GetProperty("attendance").EnumerateArray());
        Assert.Equal(("sick", "б", 3), (absence.GetProperty("code").GetString(), absence.GetProperty("codeName").GetString(), absence.GetProperty("period").GetInt32()));
    }

    [Fact]
    public async Task The_diary_shows_every_mark_with_its_kind_in_the_reader_s_language()
    {
        var t = Teaching(5);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new object[]
            {
                Mark(t, 0, 9, date: "2026-11-10"),
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-11", kind = "section", score = 15, maxScore = 20 },
            },
        }, Teacher(t))).Status);

        var diary = await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[0]}/diary?lang=kk", Teacher(t));
        Assert.Equal(200, diary.Status);
        var marks = diary.Body.GetProperty("marks").EnumerateArray().ToList();
        Assert.Equal(["ҚБ", "БЖБ"], marks.Select(m => m.GetProperty("kindName").GetString()));
        Assert.Equal([9, 15], marks.Select(m => m.GetProperty("score").GetInt32()));
        var subject = Assert.Single(diary.Body.GetProperty("subjects").EnumerateArray());
        Assert.Equal(90.0m, subject.GetProperty("rates").GetProperty("formativePercent").GetDecimal());
        Assert.Equal(75.0m, subject.GetProperty("rates").GetProperty("summativePercent").GetDecimal());
    }

    public static TheoryData<string, string, string, string> MalformedBodies => new()
    {
        { "not JSON", "{ entries: [", "", "bodyMalformed" },
        { "a string score", """{"entries":[{"entryId":"6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60","studentId":"S1","subjectId":"MAT","date":"2026-11-16","kind":"formative","score":"eight"}]}""", "entries[0].score", "scoreNotInteger" },
        { "a bad date", """{"entries":[{"entryId":"6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60","studentId":"S1","subjectId":"MAT","date":"16.11.2026","kind":"formative","score":8}]}""", "entries[0].date", "dateInvalid" },
        { "an unknown field (mass assignment)", """{"entries":[{"entryId":"6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60","authorId":"someone-else","studentId":"S1","subjectId":"MAT","date":"2026-11-16","kind":"formative","score":8}]}""", "entries[0].authorId", "fieldUnknown" },
        { "a duplicated key (never last-wins)", """{"entries":[{"entryId":"6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60","studentId":"S1","subjectId":"MAT","date":"2026-11-16","kind":"formative","score":2,"score":9}]}""", "entries[0].score", "fieldDuplicate" },
        { "entries not an array", """{"entries":{"a":1}}""", "entries", "entriesInvalid" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task An_unreadable_body_is_a_localized_400_naming_the_field_and_why(string because, string body, string field, string code)
    {
        var t = Teaching(6);
        foreach (var (language, title) in new[] { ("en", "The request body cannot be read"), ("ru", "Не удаётся прочитать тело запроса"), ("kk", "Сұрау денесін оқу мүмкін емес") })
        {
            var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", actor: Teacher(t), rawBody: body, acceptLanguage: language);
            AssertProblem(400, response);
            Assert.Equal(title, response.Body.GetProperty("title").GetString());
            // The same shape as every other 400: errors of {field, code, message}, the message in the reader's language.
            var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
            Assert.True((field, code) == (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()), $"{because}: {response.Body}");
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.False(response.Body.TryGetProperty("field", out _));
        }
        Assert.Equal(0, await Rows(t.ClassId));
    }

    [Fact]
    public async Task Unknown_ids_missing_actor_and_unknown_routes_are_problem_details()
    {
        var t = Teaching(7);
        AssertProblem(404, await api.Http.PostJsonAsync("/api/v1/classes/NO-SUCH-CLASS/marks", new { entries = new[] { Mark(t, 0, 5) } }, Teacher(t)));
        AssertProblem(401, await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = new[] { Mark(t, 0, 5) } }, actor: null));
        AssertProblem(404, await api.Http.GetJsonAsync("/api/v1/nodes/NO-SUCH-NODE/summary"));
        AssertProblem(404, await api.Http.GetJsonAsync("/api/v1/students/NO-SUCH-STUDENT/diary"));
        AssertProblem(404, await api.Http.GetJsonAsync("/api/v1/no-such-route"));
        AssertProblem(405, await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/marks"));
        Assert.Equal(0, await Rows(t.ClassId));

        // Another teacher's subject: refused as not assigned, nothing written.
        var other = api.Registry.Teachings().First(x => x.ClassId == t.ClassId && x.TeacherId != t.TeacherId);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = new[] { Mark(other, 0, 5) } }, Teacher(t));
        AssertProblem(400, response);
        Assert.Equal("notAssigned", response.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(0, await Rows(t.ClassId));
    }

    [Fact]
    public async Task The_republic_and_its_regions_are_served_with_names_in_the_reader_s_language()
    {
        // Every organization counts itself once its first summary has reached the republic (the empty centres too).
        var organizations = await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations");
        var republic = await Eventually.MatchesAsync(() => api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary?lang=ru"),
            r => r.Status == 200 && r.Body.GetProperty("figures").GetProperty("organizations").GetInt64() == organizations,
            TimeSpan.FromSeconds(60), "every organization counted in the republic");
        Assert.Equal(("republic", "Республика Казахстан"), (republic.Body.GetProperty("kind").GetString(), republic.Body.GetProperty("name").GetString()));

        var children = await api.Http.GetJsonAsync("/api/v1/nodes/KZ/children?lang=kk");
        Assert.Equal(200, children.Status);
        var names = children.Body.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(21, names.Count); // 20 regions and the republican school
        Assert.Contains("Алматы қаласы", names);
        Assert.Contains("Ұлытау облысы", names);
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_are_served()
    {
        Assert.Equal(200, (await api.Http.GetJsonAsync("/health/live", actor: null)).Status);
        Assert.Equal(200, (await api.Http.GetJsonAsync("/health/ready", actor: null)).Status);
        var openApi = await api.Http.GetJsonAsync("/openapi/v1.json", actor: null);
        Assert.Equal(200, openApi.Status);
        var paths = openApi.Body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/classes/{classId}/marks", paths);
        Assert.Contains("/api/v1/classes/{classId}/lessons", paths);
        Assert.Contains("/api/v1/nodes/{nodeId}/summary", paths);
        Assert.Contains("/api/v1/nodes/{nodeId}/children", paths);
        Assert.Contains("/api/v1/students/{studentId}/diary", paths);
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Equal("bearer", openApi.Body.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var example = openApi.Body.GetProperty("paths").GetProperty("/api/v1/classes/{classId}/marks").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(2, example.GetProperty("entries").GetArrayLength());

        // The browsable reference page and its script are served by the Api itself (no CDN on a closed network).
        var page = await api.Http.GetAsync("/api/reference/v1");
        Assert.Equal(200, (int)page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("EduInfo API", html);
        Assert.Contains("openapi", html);
        // Nothing the page loads or sends leaves the system: no vendor fonts, telemetry, AI agent, MCP or developer toolbar.
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html);
        Assert.Contains("\"agent\":{\"disabled\":true}", html);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html);
        Assert.Equal(200, (int)(await api.Http.GetAsync("/api/reference/scalar.aspnetcore.js")).StatusCode);
    }
}

/// <summary>Development profile: the Api with a co-hosted silo, in this process.</summary>
public sealed class JournalApiTestsInDevelopment(ApiHost api) : JournalApiTests<ApiHost>(api);

/// <summary>Cluster profile: two silo processes and the Api as a client process.</summary>
public sealed class JournalApiTestsOnCluster(ClusterApiHost api) : JournalApiTests<ClusterApiHost>(api);
