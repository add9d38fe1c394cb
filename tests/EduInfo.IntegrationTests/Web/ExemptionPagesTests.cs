using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// Exemptions (issue 20): the head exempts a pupil from a subject through the desk's form, and the pupil's diary shows
/// "exempt" instead of a mark, in Kazakh and in Russian; a form without a reason is refused in the reader's language.
/// </summary>
public sealed class ExemptionPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_exempts_a_pupil_at_the_desk_and_the_diary_says_exempt()
    {
        var head = Web.Account("head");
        var classes = Web.Registry.Data.Classes.Where(c => c.OrganizationId == head.ScopeId).Select(c => c.Id).ToHashSet();
        // The first class of the head's school, its last subject and pupil: other browser tests mark other pupils and subjects.
        var t = Web.Registry.Teachings().Where(x => classes.Contains(x.ClassId)).GroupBy(x => x.ClassId).First().Last();
        var pupil = t.Roster[^2];
        var ack = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 3 } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(ack.Status == 200, ack.Body.ToString());

        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Assertions.Expect(Page.Locator("#exemption-title")).ToHaveTextAsync("Освобождение от предмета");
        await Page.SelectOptionAsync("#exemption-class", t.ClassId);
        await Page.SelectOptionAsync("#exemption-student", pupil);
        await Page.SelectOptionAsync("#exemption-subject", t.SubjectId);
        await Page.SelectOptionAsync("#exemption-term", "2");
        await Page.SelectOptionAsync("#exemption-ground", "medical");
        // Without a reason the browser would not send it; sent anyway, the grain refuses it in Russian.
        await Page.EvaluateAsync("() => document.getElementById('exemption-reason').removeAttribute('required')");
        await Page.ClickAsync("form[action$='/exemptions'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToContainTextAsync("Укажите причину");

        await Page.SelectOptionAsync("#exemption-class", t.ClassId);
        await Page.SelectOptionAsync("#exemption-student", pupil);
        await Page.SelectOptionAsync("#exemption-subject", t.SubjectId);
        await Page.SelectOptionAsync("#exemption-term", "2");
        await Page.SelectOptionAsync("#exemption-ground", "medical");
        await Page.FillAsync("#exemption-reason", "Заключение ВКК № 12");
        await Page.ClickAsync("form[action$='/exemptions'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=exempted]")).ToHaveTextAsync("Ученик освобождён от предмета.");
        await Assertions.Expect(Page.Locator("table.audit tr[data-action='journal.exempt']").First).ToContainTextAsync(t.ClassId);
        await Session.CheckPageAsync("desk-exemption", Output);

        await Session.OpenAsync($"/students/{pupil}/diary?term=2&lang=ru");
        var mark = Page.Locator($"#diary .diary-subject[data-subject='{t.SubjectId}'] .term-mark");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-outcome", "exempt");
        await Assertions.Expect(mark).ToHaveTextAsync("Освобождён");
        await Assertions.Expect(Page.Locator($"#diary .diary-subject[data-subject='{t.SubjectId}'] .needs")).ToHaveCountAsync(0);
        // The year's table: the term and the year (exempt in every term with a result) say so too.
        await Assertions.Expect(Page.Locator($"table.diary-year tr[data-subject='{t.SubjectId}'] td[data-term='2'] .outcome")).ToHaveTextAsync("осв.");
        await Assertions.Expect(Page.Locator($"table.diary-year tr[data-subject='{t.SubjectId}'] td[data-term='0'] .outcome")).ToHaveAttributeAsync("title", "Освобождён");
        await Session.OpenAsync($"/students/{pupil}/diary?term=2&lang=kk");
        await Assertions.Expect(mark).ToHaveTextAsync("Босатылған");
        await Session.CheckPageAsync("diary-exempt", Output);

        // The head reads the class's grid: the pupil's standing is the short "exempt", the full word in its title.
        await Session.OpenAsync($"/teaching/{t.ClassId}?subjectId={t.SubjectId}&term=2&lang=ru");
        var standing = Page.Locator($"tr[data-student='{pupil}'] td.standing[data-outcome=exempt] abbr");
        await Assertions.Expect(standing).ToHaveTextAsync("осв.");
        await Assertions.Expect(standing).ToHaveAttributeAsync("title", "Освобождён");
        Session.Guards.AssertClean();
    }
}
