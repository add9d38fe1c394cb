using System.Text;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The pupils page's upload (issue 18, item 4): the head chooses a CSV file and sends it; the pupils are listed in their
/// class at once. A file with a bad row is refused by its line in the reader's language and nobody of it is listed.
/// </summary>
public sealed class PupilUploadPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_uploads_a_file_of_pupils_and_sees_them_listed_and_a_bad_file_named_by_its_line()
    {
        var head = Web.Account("head");
        // The class the enrolment test enrols into (not the demo accounts' first ones nor the desk test's last); other names than its.
        var taught = Web.Registry.Teachings().Where(t => Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId == head.ScopeId)
            .GroupBy(t => t.ClassId).Select(g => g.Key).ToList();
        var classId = taught[taught.Count / 2];
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}/pupils?lang=ru");

        await UploadAsync(PupilImportApiTests.Row(classId, last: "Жақсыбекова", first: "Аружан"), PupilImportApiTests.Row(classId, last: "Ким", first: "Дана"));
        await Assertions.Expect(Page.Locator("[data-upload=done]")).ToContainTextAsync("2");
        var listed = Page.Locator($"details[data-class-id='{classId}'] tr[data-student]");
        await Assertions.Expect(listed.Filter(new() { HasText = "Жақсыбекова Аружан" })).ToHaveCountAsync(1);
        await Assertions.Expect(listed.Filter(new() { HasText = "Ким Дана" })).ToHaveCountAsync(1);
        await Session.CheckPageAsync("pupils-upload", Output);

        // One bad row: the file is refused by that line, in Russian, and neither pupil of it is listed.
        await Session.OpenAsync($"/desk/{head.ScopeId}/pupils?lang=ru");
        await UploadAsync(PupilImportApiTests.Row(classId, last: "Сейітов", first: "Нұрлан"), PupilImportApiTests.Row(classId, last: "Сәрсен\u202Eбаев"));
        var refusal = Page.Locator("[data-upload=refused] li[data-line='3'][data-field='last_name']");
        await Assertions.Expect(refusal).ToHaveCountAsync(1);
        Assert.Matches("[А-Яа-я]", await refusal.InnerTextAsync());
        await Assertions.Expect(Page.Locator("tr[data-student]", new() { HasText = "Сейітов Нұрлан" })).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync(Output);
        var refused = new Uri(Page.Url).PathAndQuery;
        foreach (var lang in PageChecks.ScreenshotLanguages)
        {
            await Session.OpenAsync($"{refused.Replace("lang=ru", $"lang={lang}")}{(refused.Contains("lang=") ? "" : $"&lang={lang}")}");
            await Screenshots.TakeAsync(Page, "pupils-upload-refused", lang);
        }
        Session.Guards.AssertClean();
    }

    private async Task UploadAsync(params string[] rows)
    {
        await Page.SetInputFilesAsync("#import-file", new FilePayload
        {
            Name = "pupils.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", [PupilImportApiTests.Header, .. rows]) + "\r\n"),
        });
        await Page.ClickAsync("form[action$='/pupils/import'] button[type=submit]");
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
