using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Materials;

/// <summary>
/// The hostile corpus of the materials' endpoints (issue 24): bodies that cannot bind, texts that break the forums' text
/// rules, subjects and grades out of the registry, search words that are SQL or too long, attachments that only claim a
/// type, reviews and ratings out of range, comments on a material not published — each a localized 4xx naming what is
/// wrong, never a 5xx, and nothing written.
/// </summary>
public sealed class MaterialHostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Missing = "6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60";

    private (string Id, string Organization, string District) Teacher
    {
        get
        {
            var t = api.Registry.Data.Teachers.OrderBy(t => t.Id, StringComparer.Ordinal).Skip(3).First();
            return (t.Id, t.OrganizationId, api.Registry.Data.Organizations.Single(o => o.Id == t.OrganizationId).NodeId);
        }
    }

    private static string Write(Func<Dictionary<string, object?>, Dictionary<string, object?>> change) => JsonSerializer.Serialize(change(new()
    {
        ["title"] = "Бөлшектер", ["summary"] = "Қысқаша", ["body"] = "Мәтін", ["subjectId"] = "MAT", ["grade"] = 5, ["language"] = "kk",
    }));

    private static Dictionary<string, object?> With(Dictionary<string, object?> d, string key, object? value)
    {
        d[key] = value;
        return d;
    }

    public static TheoryData<string, string, int, string> Requests() => new()
    {
        { "an array instead of a material", "POST /api/v1/materials [1,2]", 400, "" },
        { "a grade as text", "POST /api/v1/materials " + Write(d => With(d, "grade", "five")), 400, "grade" },
        { "a language that is not one", "POST /api/v1/materials " + Write(d => With(d, "language", "de")), 400, "language" },
        { "a language as a number", "POST /api/v1/materials " + Write(d => With(d, "language", 7)), 400, "language" },
        { "no title", "POST /api/v1/materials " + Write(d => With(d, "title", null)), 400, "title:required" },
        { "a title of 201 characters", "POST /api/v1/materials " + Write(d => With(d, "title", new string('ө', 201))), 400, "title:tooLong" },
        { "a NUL in the title", "POST /api/v1/materials " + Write(d => With(d, "title", "Бөл\u0000шек")), 400, "title:controlCharacter" },
        { "a right-to-left override in the body", "POST /api/v1/materials " + Write(d => With(d, "body", "мәтін\u202Eрыбид")), 400, "body:directionOverride" },
        { "a zero-width space in the summary", "POST /api/v1/materials " + Write(d => With(d, "summary", "Қыс\u200Bқаша")), 400, "summary:invisibleCharacter" },
        { "a word with a Latin a", "POST /api/v1/materials " + Write(d => With(d, "title", "Ивaнов сабағы")), 400, "title:mixedScript" },
        { "a body hiding a control behind a reference", "POST /api/v1/materials " + Write(d => With(d, "body", "мәтін &#x202E; басқа")), 400, "body:directionOverride" },
        { "a subject that is SQL", "POST /api/v1/materials " + Write(d => With(d, "subjectId", "' OR 1=1 --")), 400, "subjectId:subjectUnknown" },
        { "a subject of 10 000 characters", "POST /api/v1/materials " + Write(d => With(d, "subjectId", new string('M', 10_000))), 400, "subjectId:subjectRequired" },
        { "grade twelve", "POST /api/v1/materials " + Write(d => With(d, "grade", 12)), 400, "grade:gradeOutOfRange" },
        { "a grade beyond int", "POST /api/v1/materials " + Write(d => With(d, "grade", 99_999_999_999)), 400, "grade" },
        { "an edit of a material that is not there", $"PUT /api/v1/materials/{Missing} " + Write(d => d), 404, "" },
        { "a material id that is SQL", "GET /api/v1/materials/'%20OR%201=1 -", 404, "" },
        { "search words of 201 characters", $"GET /api/v1/materials?q={new string('а', 201)} -", 400, "q:queryInvalid" },
        { "search words with a NUL", "GET /api/v1/materials?q=a%00b -", 400, "q:queryInvalid" },
        { "a grade filter out of range", "GET /api/v1/materials?grade=99 -", 400, "grade:gradeOutOfRange" },
        { "a language filter that is a number", "GET /api/v1/materials?language=2 -", 400, "language:languageRequired" },
        { "a page far beyond", "GET /api/v1/materials?offset=100000 -", 400, "offset:pageOutOfRange" },
        { "a page of a thousand", "GET /api/v1/materials?limit=1000 -", 400, "offset:pageOutOfRange" },
        { "an HTML page as an attachment", "POST /api/v1/materials/{draft}/attachments?name=x.pdf <!DOCTYPE html><script>alert(1)</script>", 400, "file:typeNotAllowed" },
        { "an attachment with no name", "POST /api/v1/materials/{draft}/attachments %PDF-1.7", 400, "name:nameInvalid" },
        { "an attachment named with quotes", "POST /api/v1/materials/{draft}/attachments?name=a%22b.pdf %PDF-1.7", 400, "name:nameInvalid" },
        { "an empty attachment", "POST /api/v1/materials/{draft}/attachments?name=x.pdf -", 400, "file:empty" },
        { "a review with no action", "POST /api/v1/materials/{review}/review {}", 400, "action:actionRequired" },
        { "a review action that is a number", "POST /api/v1/materials/{review}/review {\"action\":2}", 400, "action" },
        { "a return without a reason", "POST /api/v1/materials/{review}/review {\"action\":\"return\"}", 400, "reason:required" },
        { "a return whose reason names an IIN", "POST /api/v1/materials/{review}/review {\"action\":\"return\",\"reason\":\"ЖСН 070101500123\"}", 400, "reason:personalData" },
        { "a withdrawal of what is not published", "POST /api/v1/materials/{review}/review {\"action\":\"withdraw\",\"reason\":\"Қате\"}", 409, "action:notNow" },
        { "a comment on a material in review", "POST /api/v1/materials/{review}/comments {\"commentId\":\"" + Missing + "\",\"body\":\"Сұрақ\"}", 409, "materialId:notPublished" },
        { "a rating of a material in review", "PUT /api/v1/materials/{review}/rating {\"stars\":5}", 409, "materialId:notPublished" },
        { "a rating of zero", "PUT /api/v1/materials/{review}/rating {\"stars\":0}", 400, "stars:starsOutOfRange" },
        { "a rating as text", "PUT /api/v1/materials/{review}/rating {\"stars\":\"five\"}", 400, "stars" },
        { "moderation of a comment that is not there", $"POST /api/v1/materials/{{review}}/comments/{Missing}/moderation {{\"action\":\"approve\"}}", 404, "" },
        { "an attachment of a material that is not there", $"GET /api/v1/materials/{Missing}/attachments/{Missing} -", 404, "" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_hostile_request_is_a_localized_4xx_and_nothing_is_written(string because, string request, int status, string error)
    {
        var (method, path, body) = HostileCorpus.Parse(request);
        var teacher = Teacher;
        var author = $"user=U-{teacher.Id}; person={teacher.Id}; roles=teacher@{teacher.Organization}";
        var officer = $"user=hostile-material-officer; roles=district_officer@{teacher.District}";
        var actor = author;
        if (path.Contains("{draft}", StringComparison.Ordinal))
        {
            path = path.Replace("{draft}", (await DraftAsync(author)).ToString());
        }
        if (path.Contains("{review}", StringComparison.Ordinal))
        {
            var draft = await DraftAsync(author);
            Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{draft}/submission", null, author)).Status);
            path = path.Replace("{review}", draft.ToString());
            actor = path.EndsWith("/rating", StringComparison.Ordinal) || path.EndsWith("/comments", StringComparison.Ordinal)
                ? $"user=hostile-material-reader; roles=district_officer@{teacher.District}"
                : officer;
        }
        var before = await CountAsync();
        (int Status, JsonElement Body, string? ContentType) response;
        if (path.Contains("/attachments", StringComparison.Ordinal) && method == HttpMethod.Post)
        {
            using var upload = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body == "-" ? [] : System.Text.Encoding.UTF8.GetBytes(body)) };
            upload.Headers.Add(HttpExtensions.ActorHeader, actor);
            upload.Headers.AcceptLanguage.ParseAdd("kk");
            using var sent = await api.Http.SendAsync(upload);
            var text = await sent.Content.ReadAsStringAsync();
            response = ((int)sent.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), sent.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            response = await api.Http.SendJsonAsync(method, path, actor: actor, acceptLanguage: "kk", rawBody: body == "-" ? null : body);
        }
        HostileCorpus.AssertRefused(response, because, status, error, "kk");
        Assert.Equal(before, await CountAsync());
    }

    private async Task<Guid> DraftAsync(string author)
    {
        var created = await api.Http.PostJsonAsync("/api/v1/materials", new { title = "Қарапайым бөлшектер", summary = "Жоспар", body = "Мәтін", subjectId = "MAT", grade = 5, language = "kk" },
            author);
        Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
        return created.Body.GetProperty("material").GetProperty("id").GetGuid();
    }

    /// <summary>Every row a material write could leave, and the states it could move.</summary>
    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM materials) + (SELECT count(*) FROM material_attachments) + (SELECT count(*) FROM material_comments)
             + (SELECT count(*) FROM material_ratings) + (SELECT count(*) FROM audit_log WHERE target_kind = 'material')
             + (SELECT count(*) FROM materials WHERE state <> 'draft')
        """);
}
