using System.Net.Http.Headers;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Security;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// The hostile corpus of the e-service pages (issue 22): their forms, posted by a signed-in parent with a valid token,
/// carrying values no page sends — each answered 303 back to the page with the refusal's code (the page shows the
/// message it knows, nothing of the value) or a localized 404, never a 5xx, and nothing written; and their addresses
/// with markup, SQL and junk, not found or showing nothing of them.
/// </summary>
public sealed class ApplicationFormHostileTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<BrowserClient> ParentAsync()
    {
        var browser = new BrowserClient(api);
        await browser.SignInAsync("parent", "demo-parent");
        Assert.NotNull(browser.Session);
        return browser;
    }

    public static TheoryData<string, string, string, int, string> Forms() => new()
    {
        { "a service that is a number", "/applications/new", "service=2&child=link:6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60&officeId=X", 303, "error=required" },
        { "a service that is markup", "/applications/new", "service=%3Cscript%3Ealert(1)%3C%2Fscript%3E&district=%22%3E%3Cscript%3E", 303, "error=required" },
        { "two services in one", "/applications/new", "service=firstGradeAdmission,kindergartenQueue&child=link:6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60", 303, "error=required" },
        { "a document that is SQL", "/applications/new", "service=firstGradeAdmission&documents=photos';DROP TABLE service_applications;--", 303, "error=required" },
        { "a priority that is a number", "/applications/new", "service=kindergartenQueue&priority=99&documents=birthCertificate", 303, "error=required" },
        { "a child that is no link", "/applications/new", "service=firstGradeAdmission&child=link:1%20OR%201=1&officeId=X&documents=photos", 303, "error=" },
        { "a stranger's pupil", "/applications/new", "service=studyCertificate&child=pupil:'%20OR%201=1%20--", 303, "error=" },
        { "an IIN of markup", "/applications/children", "iin=%3Cscript%3E&lastName=A&firstName=B&birthDate=2020-03-15&birthCertificate=I-AL%201", 303, "error=" },
        { "a birth date that is no date", "/applications/children", "iin=200315500001&lastName=A&firstName=B&birthDate=2020-13-45&birthCertificate=I-AL%201", 303, "error=" },
        { "a name with a bidirectional override", "/applications/children", "iin=200315500001&lastName=%E2%80%AEanoveS&firstName=B&birthDate=2020-03-15&birthCertificate=I-AL%201", 303, "error=" },
        { "a step that is not one", "/applications/{id}/steps", "action=__proto__", 303, "error=required" },
        { "a step on an application that does not exist", "/applications/00000000-0000-0000-0000-000000000001/steps", "action=withdraw", 404, "" },
        { "a step on no GUID", "/applications/'%20OR%201=1/steps", "action=withdraw", 404, "" },
        { "a ground that is not one", "/applications/{id}/steps", "action=refuse&ground=%3Cb%3E&reason=x", 303, "error=required" },
        { "a date that is no date", "/applications/{id}/steps", "action=complete&date=yesterday", 303, "error=required" },
        { "a duplicate's original and blank that are markup", "/applications/{id}/steps", "action=complete&documentId=%3Cscript%3E&series=%3Cb%3E&number=1%27--", 303, "error=" },
        { "a confirmation on no GUID", "/applications/%3Cscript%3E/link-confirmation", "birthCertificate=x", 404, "" },
        { "a confirmation by the applicant", "/applications/{id}/link-confirmation", "birthCertificate=I-AL%201", 303, "notice=refused" },
        { "an e-mail carrying a Bcc header", "/applications/notification-channels", "email=a%40b.kz%0D%0ABcc%3A%20all%40evil.example&emailOn=on", 303, "error=emailInvalid" },
        { "a phone that is SQL", "/applications/notification-channels", "phone=%2B7%20701'%3B%20DROP%20TABLE%20notification_outbox%3B--&smsOn=on", 303, "error=phoneInvalid" },
        { "SMS on without a phone", "/applications/notification-channels", "smsOn=on", 303, "error=addressMissing" },
        { "quiet hours that are markup", "/applications/notification-channels", "quietFrom=%3Cb%3E&quietTo=07%3A00", 303, "error=quietHoursInvalid" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_hostile_form_is_sent_back_with_its_code_or_not_found_and_nothing_is_written(string because, string path, string form, int status, string expected)
    {
        using var browser = await ParentAsync();
        var id = await CertificateAsync(browser);
        var before = await CountsAsync();
        var response = await browser.PostRawFormAsync(path.Replace("{id}", id), form, "U-parent");
        await browser.AssertFormAnswerAsync(response, because, status, expected, "/");
        if (status == 303)
        {
            Assert.Contains("notice=refused", Uri.UnescapeDataString(response.Location!), StringComparison.Ordinal);
            Assert.Contains("data-notice=\"refused\"", (await browser.SendAsync(HttpMethod.Get, response.Location!)).Body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("an HTML page named .pdf", "<html><script>alert(1)</script></html>", "healthForm065", "error=typeNotAllowed")]
    [InlineData("an SVG", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "photos", "error=typeNotAllowed")]
    [InlineData("a document kind that is not one", "%PDF-1.7\n%%EOF\n", "passport", "error=required")]
    [InlineData("no file at all", "", "photos", "error=empty")]
    public async Task A_hostile_upload_from_the_page_is_refused_and_nothing_is_stored(string because, string content, string document, string expected)
    {
        using var browser = await ParentAsync();
        var id = await DuplicateAsync(browser);
        var form = new MultipartFormDataContent
        {
            { new StringContent(browser.FormToken("U-parent")), EduInfo.Api.Security.ApiAntiforgery.FormFieldName },
            { new StringContent(document), "document" },
        };
        if (content.Length > 0)
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "form.pdf");
        }
        var response = await browser.SendAsync(HttpMethod.Post, $"/applications/{id}/uploads", form);
        Assert.True(response.Status == 303, $"{because}: {response.Status} {response.Body}");
        Assert.Contains(expected, Uri.UnescapeDataString(response.Location!), StringComparison.Ordinal);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_uploads WHERE application_id = @a", ("a", Guid.Parse(id))));
    }

    [Theory]
    [InlineData("/applications?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error=outsideWindow", 200)]
    [InlineData("/applications?notice=%00&error=%22%3E%3Cscript%3E", 200)]
    [InlineData("/applications/new?service=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200)]
    [InlineData("/applications/new?service=firstGradeAdmission&district=%22%3E%3Cscript%3Ealert(1)", 200)]
    [InlineData("/applications/new?service=kindergartenQueue&district='%20OR%201=1%20--", 200)]
    [InlineData("/applications/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404)]
    [InlineData("/applications/00000000-0000-0000-0000-000000000000?notice=filed", 404)]
    [InlineData("/desk/%3Cscript%3Ealert(1)%3C%2Fscript%3E/applications", 404)]
    [InlineData("/nodes/'%20OR%201=1/overdue", 404)]
    [InlineData("/open/%3Cscript%3Ealert(1)%3C%2Fscript%3E/queue", 404)]
    [InlineData("/open/%00/services", 400)]
    public async Task Hostile_addresses_of_the_e_service_pages_are_not_found_or_show_nothing_of_them(string path, int status)
    {
        using var browser = await ParentAsync();
        var response = await browser.SendAsync(HttpMethod.Get, path);
        Assert.True(response.Status == status, $"{path}: expected {status}, got {response.Status}");
        Assert.DoesNotContain("<script>alert", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A certificate of study for the demo parent's child, filed through the API as them: an application of theirs to aim at.</summary>
    private async Task<string> CertificateAsync(BrowserClient browser)
    {
        var parent = api.Registry.Credentials.Single(c => c.Login == "parent").ScopeId;
        var child = api.Registry.Data.StudentParents.First(p => p.ParentId == parent).StudentId;
        var school = api.Registry.Data.Organizations.Single(o => o.Id == api.Registry.Data.Classes.Single(c => c.Id == api.Registry.Data.Enrolments.First(e => e.StudentId == child).ClassId).OrganizationId).Id;
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "studyCertificate", studentId = child, officeId = school, documents = Array.Empty<string>() },
            ApplicationApiTests.Parent(parent));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        return filed.Body.GetProperty("id").GetString()!;
    }

    /// <summary>An open duplicate of the demo parent's child (the one open is withdrawn first): an application that takes uploads.</summary>
    private async Task<string> DuplicateAsync(BrowserClient browser)
    {
        var parent = api.Registry.Credentials.Single(c => c.Login == "parent").ScopeId;
        var child = api.Registry.Data.StudentParents.First(p => p.ParentId == parent).StudentId;
        var school = api.Registry.Data.Classes.Single(c => c.Id == api.Registry.Data.Enrolments.First(e => e.StudentId == child).ClassId).OrganizationId;
        foreach (var open in (await api.Http.GetJsonAsync("/api/v1/applications", ApplicationApiTests.Parent(parent))).Body.EnumerateArray()
                     .Where(a => a.GetProperty("service").GetString() == "documentDuplicate" && a.GetProperty("state").GetString() == "filed"))
        {
            await api.Http.PostJsonAsync($"/api/v1/applications/{open.GetProperty("id").GetString()}/steps", new { action = "withdraw" }, ApplicationApiTests.Parent(parent));
        }
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "documentDuplicate", studentId = child, officeId = school, documents = new[] { "photos" } },
            ApplicationApiTests.Parent(parent));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        return filed.Body.GetProperty("id").GetString()!;
    }

    private async Task<(long Applications, long Transitions, long Links, long Uploads, long Channels)> CountsAsync() => (
        await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications"),
        await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_transitions"),
        await api.Db.ScalarAsync<long>("SELECT count(*) FROM child_links"),
        await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_uploads"),
        await api.Db.ScalarAsync<long>("SELECT count(*) FROM notification_channels"));
}
