using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>The head's desk lists each class's pupils at risk this term with their reasons (issue 19, docs/analysis.md#signals), in kk and ru.</summary>
public sealed class WarningPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task The_desk_shows_a_pupil_who_missed_the_terms_lessons_under_their_class()
    {
        var head = Web.Account("head");
        var classes = Web.Registry.Data.Classes.Where(c => c.OrganizationId == head.ScopeId).Select(c => c.Id).ToHashSet();
        // A class of the head's school other than the last (the desk's term test closes and reopens that one).
        var t = Web.Registry.Teachings().Where(x => classes.Contains(x.ClassId)).GroupBy(x => x.ClassId).SkipLast(1).Last().First();
        var pupil = t.Roster[^1];
        var ack = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { "2026-11-23", "2026-11-24", "2026-11-25" }.Select(day => new
            {
                entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = day, period = 11, absentees = new[] { new { studentId = pupil, code = "sick" } },
            }).ToArray(),
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(ack.Status == 200, ack.Body.ToString());

        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=kk");
        var row = Page.Locator($"table.warnings[data-class-id='{t.ClassId}'] tr[data-student-id='{pupil}']");
        await Assertions.Expect(row.Locator("li[data-reason=absences]")).ToContainTextAsync("%");
        await Assertions.Expect(row.Locator("th")).Not.ToBeEmptyAsync();
        await Session.CheckPageAsync("desk-warnings", Output); // axe and screenshots, kk and ru

        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Assertions.Expect(Page.Locator("#warnings-title")).ToHaveTextAsync("Раннее предупреждение");
        await Assertions.Expect(row.Locator("li[data-reason=absences]")).ToContainTextAsync("Пропущено");
        Session.Guards.AssertClean();
    }
}
