using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Security;

namespace EduInfo.IntegrationTests.Materials;

/// <summary>
/// The hostile corpus of the material and seminar pages' forms (issue 24), posted by the signed-in demo teacher with a
/// valid token and values no page sends: each answered 303 back with the refusal's code (the page shows the message it
/// knows, nothing of the value), or a localized 403/404, never a 5xx, and nothing written; and the pages' addresses
/// with markup and SQL.
/// </summary>
public sealed class MaterialFormHostileTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Missing = "6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60";

    public static TheoryData<string, string, string, int, string> Forms() => new()
    {
        { "a title with a right-to-left override", "/materials/new", "title=%D0%96%D0%BE%D1%81%D0%BF%D0%B0%D1%80%E2%80%AE&summary=x&body=y&subjectId=MAT&grade=5&language=kk", 303, "error=directionOverride" },
        { "a grade that is a word", "/materials/new", "title=x&summary=x&body=y&subjectId=MAT&grade=five&language=kk", 303, "error=gradeOutOfRange" },
        { "a grade with a sign", "/materials/new", "title=x&summary=x&body=y&subjectId=MAT&grade=-1&language=kk", 303, "error=gradeOutOfRange" },
        { "a language that is a number", "/materials/new", "title=x&summary=x&body=y&subjectId=MAT&grade=5&language=2", 303, "error=languageRequired" },
        { "a subject that is SQL", "/materials/new", "title=x&summary=x&body=y&subjectId=%27%20OR%201%3D1&grade=5&language=kk", 303, "error=subjectUnknown" },
        { "a body of markup only", "/materials/new", "title=x&summary=x&body=%26nbsp%3B&subjectId=MAT&grade=5&language=kk", 303, "error=required" },
        { "an id that is SQL, no title", "/materials/new", "materialId=%27%20OR%201%3D1&summary=x&body=y&subjectId=MAT&grade=5&language=kk", 303, "error=required" },
        { "an edit of another's material", "/materials/{published}/edit", "title=x&summary=x&body=y&subjectId=MAT&grade=5&language=kk", 404, "" },
        { "an edit of a material that is not there", $"/materials/{Missing}/edit", "title=x&summary=x&body=y&subjectId=MAT&grade=5&language=kk", 404, "" },
        { "a submission of another's material", "/materials/{published}/submit", "", 404, "" },
        { "a review by a teacher", "/materials/{published}/review", "action=withdraw&reason=x", 403, "" },
        { "a review action that is a number", "/materials/{published}/review", "action=3", 403, "" },
        { "a comment with a zero-width space", "/materials/{published}/comments", "body=%D0%B6%D0%B0%E2%80%8B%D0%B7%D1%83", 303, "error=invisibleCharacter" },
        { "a comment id that is SQL, no body", "/materials/{published}/comments", "commentId=%27%20OR%201%3D1", 303, "error=required" },
        { "a rating of eleven", "/materials/{published}/rating", "stars=11", 303, "error=starsOutOfRange" },
        { "a rating that is a word", "/materials/{published}/rating", "stars=five", 303, "error=starsOutOfRange" },
        { "a moderation by a teacher", $"/materials/{{published}}/comments/{Missing}/moderation", "action=delete&reason=x", 404, "" },
        { "an attachment removed from another's material", $"/materials/{{published}}/attachments/{Missing}/remove", "", 404, "" },
        // No route takes it: the address exists for other methods only (a page's GET), a localized 405.
        { "a material that is no GUID", "/materials/%27%20OR%201%3D1/comments", "body=x", 405, "" },
        { "a seminar registration for no seminar", $"/seminars/{Missing}/register", "", 404, "" },
        { "a seminar's attendance by a teacher", $"/seminars/{Missing}/attendance", "seated=x&attended=x", 404, "" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_hostile_form_is_sent_back_with_its_code_or_refused_and_nothing_is_written(string because, string path, string form, int status, string expected)
    {
        using var browser = new BrowserClient(api);
        await browser.SignInAsync("teacher", "demo-teacher");
        path = path.Replace("{published}", (await PublishedAsync()).ToString());
        var before = await CountAsync();
        var response = await browser.PostRawFormAsync(path, form, "U-teacher");
        await browser.AssertFormAnswerAsync(response, because, status, expected, "/materials/");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("/materials?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/materials?grade=%27%20OR%201=1&subjectId=%3Cscript%3E&language=__proto__&offset=-5", 200)]
    [InlineData("/materials/{published}?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error=required", 200)]
    [InlineData("/materials/'%20OR%201=1", 404)]
    [InlineData("/materials/00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("/materials/00000000-0000-0000-0000-000000000000/edit", 404)]
    [InlineData("/nodes/%3Cscript%3E/material-reviews", 404)]
    public async Task Hostile_addresses_of_the_material_pages_are_not_found_or_show_nothing_of_them(string path, int status)
    {
        using var browser = new BrowserClient(api);
        await browser.SignInAsync("teacher", "demo-teacher");
        var response = await browser.SendAsync(HttpMethod.Get, path.Replace("{published}", (await PublishedAsync()).ToString()));
        Assert.True(response.Status == status, $"{path}: expected {status}, got {response.Status}");
        Assert.DoesNotContain("<script>alert", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    private Guid? _published;

    /// <summary>Another teacher's material, published by the district: one to aim at.</summary>
    private async Task<Guid> PublishedAsync()
    {
        if (_published is { } known)
        {
            return known;
        }
        var teacher = api.Registry.Data.Teachers.OrderBy(t => t.Id, StringComparer.Ordinal).Last();
        var district = api.Registry.Data.Organizations.Single(o => o.Id == teacher.OrganizationId).NodeId;
        var author = $"user=U-{teacher.Id}; person={teacher.Id}; roles=teacher@{teacher.OrganizationId}";
        var created = await api.Http.PostJsonAsync("/api/v1/materials", new { title = "Жоспар", summary = "Қысқаша", body = "Мәтін", subjectId = "MAT", grade = 5, language = "kk" }, author);
        Assert.Equal(201, created.Status);
        var id = created.Body.GetProperty("material").GetProperty("id").GetGuid();
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/submission", null, author)).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "publish" },
            $"user=form-hostile-officer; roles=district_officer@{district}")).Status);
        return (_published = id).Value;
    }

    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM materials) + (SELECT count(*) FROM material_attachments) + (SELECT count(*) FROM material_comments)
             + (SELECT count(*) FROM material_ratings) + (SELECT count(*) FROM audit_log WHERE target_kind IN ('material', 'seminar'))
             + (SELECT count(*) FROM materials WHERE state <> 'draft') + (SELECT count(*) FROM seminar_registrations)
        """);
}
