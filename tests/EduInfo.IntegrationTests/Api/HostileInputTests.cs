using System.Text;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// A corpus of hostile requests to every write endpoint: each gets a 4xx problem details response (naming the field
/// where there is one), never a 5xx, and no row of the journal changes.
/// </summary>
public sealed class HostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Id = "6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60";

    public static TheoryData<string, string, int, string?> MarkBodies()
    {
        string Entry(string fields) => "{\"entries\":[{" + fields + "}]}";
        string Valid(string student, string subject) =>
            $"\"entryId\":\"{Id}\",\"studentId\":\"{student}\",\"subjectId\":\"{subject}\",\"date\":\"2026-11-16\",\"kind\":\"formative\",\"score\":7";
        return new TheoryData<string, string, int, string?>
        {
            { "empty body", "", 400, null },
            { "unclosed object", "{", 400, null },
            { "null", "null", 400, null },
            { "a string", "\"entries\"", 400, null },
            { "a number", "42", 400, null },
            { "an array", "[]", 400, null },
            { "entries null", "{\"entries\":null}", 400, "entries" },
            { "entries empty", "{\"entries\":[]}", 400, "entries" },
            { "entries a string", "{\"entries\":\"x\"}", 400, "entries" },
            { "entry null", "{\"entries\":[null]}", 400, "entries[0]" },
            { "entryId a number", Entry("\"entryId\":5"), 400, "entries[0].entryId" },
            { "entryId not a uuid", Entry("\"entryId\":\"abc\""), 400, "entries[0].entryId" },
            { "score a string", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":\"7\"")), 400, "entries[0].score" },
            { "score a fraction", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":7.5")), 400, "entries[0].score" },
            { "score beyond int", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":2147483648")), 400, "entries[0].score" },
            { "score 1e308", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":1e308")), 400, "entries[0].score" },
            { "score twice (never last-wins)", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":2,\"score\":7")), 400, "entries[0].score" },
            { "date 45 of month 13", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2026-13-45")), 400, "entries[0].date" },
            { "recordedBy smuggled in", Entry(Valid("{S}", "{J}") + ",\"recordedBy\":\"T00001\""), 400, "entries[0].recordedBy" },
            { "score true", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":true")), 400, "entries[0].score" },
            { "score an object", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":{\"a\":1}")), 400, "entries[0].score" },
            { "score -1", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":-1")), 400, "entries[0].score" },
            { "score 11", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":11")), 400, "entries[0].score" },
            { "date a number", Entry(Valid("{S}", "{J}").Replace("\"2026-11-16\"", "20261116")), 400, "entries[0].date" },
            { "date 30 February", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2027-02-30")), 400, "entries[0].date" },
            { "date long ago", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "1999-01-01")), 400, "entries[0].date" },
            { "date the next school day", Entry(Valid("{S}", "{J}").Replace("2026-11-16", TestClock.Today.AddDays(3).ToString("yyyy-MM-dd"))), 400, "entries[0].date" }, // Monday after the pinned Friday
            { "date in the fourth quarter", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2027-05-20")), 400, "entries[0].date" },
            { "missing student", Entry(Valid("{S}", "{J}").Replace("\"studentId\":\"{S}\",", "")), 400, "entries[0].studentId" },
            { "unknown student", Entry(Valid("S-NOBODY", "{J}")), 400, "entries[0].studentId" },
            { "another class's student", Entry(Valid("{OTHER}", "{J}")), 400, "entries[0].studentId" },
            { "unknown subject", Entry(Valid("{S}", "NOPE")), 400, "entries[0].subjectId" },
            { "SQL injection as student", Entry(Valid("'; DROP TABLE journal; --", "{J}")), 400, "entries[0].studentId" },
            { "script as subject", Entry(Valid("{S}", "<script>alert(1)</script>")), 400, "entries[0].subjectId" },
            { "NUL in the student id", Entry(Valid("S\\u0000", "{J}")), 400, "entries[0].studentId" },
            { "a 200 KB student id", Entry(Valid(new string('x', 200_000), "{J}")), 400, "entries[0].studentId" },
            { "unknown top-level field", "{\"entries\":[],\"admin\":true}", 400, "admin" },
            { "unknown entry field", Entry(Valid("{S}", "{J}") + ",\"authorId\":\"x\""), 400, "entries[0].authorId" },
            { "nested 64 deep", "{\"entries\":" + new string('[', 64) + new string(']', 64) + "}", 400, null },
            { "duplicate ids", "{\"entries\":[{" + Valid("{S}", "{J}") + "},{" + Valid("{S}", "{J}") + "}]}", 400, "entries[1].entryId" },
            { "501 entries", "{\"entries\":[" + string.Join(",", Enumerable.Range(0, 501).Select(i => "{" + Valid("{S}", "{J}").Replace(Id, Guid.NewGuid().ToString()) + "}")) + "]}", 400, "entries" },
        };
    }

    [Theory]
    [MemberData(nameof(MarkBodies))]
    public async Task Marks(string because, string body, int status, string? field) =>
        await AssertRefusedAsync(because, "marks", body, status, field);

    public static TheoryData<string, string, int, string?> LessonBodies()
    {
        string Lesson(string absentees, string period = "2") =>
            $"{{\"entries\":[{{\"entryId\":\"{Id}\",\"subjectId\":\"{{J}}\",\"date\":\"2026-11-16\",\"period\":{period},\"absentees\":[{absentees}]}}]}}";
        return new TheoryData<string, string, int, string?>
        {
            { "period 0", Lesson("", "0"), 400, "entries[0].period" },
            { "period a string", Lesson("", "\"2\""), 400, "entries[0].period" },
            { "absentee of another class", Lesson("{\"studentId\":\"{OTHER}\",\"code\":\"sick\"}"), 400, "entries[0].absentees[0].studentId" },
            { "Cyrillic code", Lesson("{\"studentId\":\"{S}\",\"code\":\"н\"}"), 400, "entries[0].absentees[0].code" },
            { "numeric code", Lesson("{\"studentId\":\"{S}\",\"code\":1}"), 400, "entries[0].absentees[0].code" },
            { "absentee twice", Lesson("{\"studentId\":\"{S}\",\"code\":\"sick\"},{\"studentId\":\"{S}\",\"code\":\"late\"}"), 400, "entries[0].absentees[1].studentId" },
            { "absentees an object", Lesson("").Replace("\"absentees\":[]", "\"absentees\":{}"), 400, "entries[0].absentees" },
        };
    }

    [Theory]
    [MemberData(nameof(LessonBodies))]
    public async Task Lessons(string because, string body, int status, string? field) =>
        await AssertRefusedAsync(because, "lessons", body, status, field);

    public static TheoryData<string, string, string> AuthBodies() => new()
    {
        { "login: empty", "token", "" },
        { "login: not JSON", "token", "{login:" },
        { "login: wrong types", "token", "{\"login\":1,\"password\":[]}" },
        { "login: NUL", "token", "{\"login\":\"a\\u0000\",\"password\":\"x\"}" },
        { "login: SQL injection", "token", "{\"login\":\"' OR 1=1 --\",\"password\":\"' OR 1=1 --\"}" },
        { "login: 100 KB", "token", "{\"login\":\"" + new string('a', 100_000) + "\",\"password\":\"x\"}" },
        { "login: extra field", "token", "{\"login\":\"analyst\",\"password\":\"x\",\"roles\":[\"operator\"]}" },
        { "refresh: garbage", "refresh", "{\"refreshToken\":\"\\u0000\\u0001\"}" },
        { "refresh: wrong type", "refresh", "{\"refreshToken\":42}" },
    };

    [Theory]
    [MemberData(nameof(AuthBodies))]
    public async Task Authentication(string because, string endpoint, string body)
    {
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/auth/{endpoint}", actor: null, rawBody: body);
        Assert.True(response.Status is >= 400 and < 500, $"{because}: {response.Status}");
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Theory]
    [InlineData("/api/v1/nodes/%00/summary")]
    [InlineData("/api/v1/nodes/'%20OR%201=1/children")]
    [InlineData("/api/v1/students/%00/diary")]
    [InlineData("/api/v1/audit?actorId=%00&targetId=x")]
    public async Task Hostile_ids_in_the_path_or_query_are_refused_or_not_found(string path)
    {
        var response = await api.Http.GetJsonAsync(path, "user=op; roles=operator@KZ");
        Assert.True(response.Status is >= 200 and < 500, $"{path}: {response.Status}");
        Assert.NotEqual(500, response.Status);
    }

    private async Task AssertRefusedAsync(string because, string endpoint, string body, int status, string? field)
    {
        var t = api.Registry.InClass(1);
        var other = api.Registry.InClass(2);
        body = body.Replace("{S}", t.Roster[0]).Replace("{J}", t.SubjectId).Replace("{OTHER}", other.Roster[0]);
        var rows = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/{endpoint}",
            actor: $"user={t.TeacherId}; roles=teacher", rawBody: body);
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        // Unreadable bodies and invalid entries alike: errors of {field, code, message}, never a bare top-level field.
        Assert.False(response.Body.TryGetProperty("field", out _), $"{because}: {response.Body}");
        var errors = response.Body.TryGetProperty("errors", out var list) ? list.EnumerateArray().ToList() : [];
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("code").GetString()) || string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        if (field is not null)
        {
            var named = errors.Select(e => e.GetProperty("field").GetString()).ToArray();
            Assert.True(named.Contains(field), $"{because}: expected the field {field}, the problem names [{string.Join(", ", named)}]");
        }
        Assert.Equal(rows, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
        Assert.False(string.IsNullOrEmpty(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(because))));
    }
}
