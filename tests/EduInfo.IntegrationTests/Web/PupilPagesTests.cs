using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The head's pupils page (issue 18): a head enrols a pupil mid-year through the form, the class's journal grid and
/// the pupil's diary show them from that day (a mark before it is refused, one after it is shown), the same IIN a
/// second time is refused in the reader's language; axe and screenshots on each view.
/// </summary>
public sealed class PupilPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_enrols_a_pupil_mid_year_and_the_grid_and_the_diary_show_them_from_that_day()
    {
        var head = Web.Account("head");
        // A class of the head's school that is taught, but not the first ones (the demo's own accounts use them) nor the last (the desk's test).
        // Nor one whose roll-calls other tests took since the enrolment's day: enrolling from before them is refused.
        var rollCalled = await Web.Db.ScalarAsync<string[]>("SELECT coalesce(array_agg(DISTINCT class_id), '{}') FROM journal WHERE entry_kind = 'lesson' AND lesson_date >= '2026-11-16'");
        var taught = Web.Registry.Teachings().Where(t => Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId == head.ScopeId)
            .GroupBy(t => t.ClassId).Select(g => g.First()).ToList();
        var t = taught.Skip(taught.Count / 2).First(t => !rollCalled.Contains(t.ClassId));
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Page.ClickAsync("a[data-link=pupils]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/desk/{head.ScopeId}/pupils");
        await Session.CheckPageAsync("pupils", Output);
        // The list names pupils and parents: opening it is an audit row of the head's account, without a name in it.
        Assert.True(await Web.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'registry.pupils.read' AND organization_id = @o AND outcome = 'ok'",
            ("o", head.ScopeId)) > 0);

        var iin = PupilApiTests.FreshIin("150314");
        await EnrolAsync(t.ClassId, iin);
        await Assertions.Expect(Page.Locator("[data-notice=enrolled]")).ToHaveCountAsync(1);
        var row = Page.Locator($"details[data-class-id='{t.ClassId}'] tr[data-student]", new() { HasText = "Сәрсенбаев Әлихан" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var pupil = await row.GetAttributeAsync("data-student");
        Assert.NotNull(pupil);
        await Assertions.Expect(row).ToContainTextAsync("16");

        // The same IIN again, into any class: refused in Russian, pointing at the transfer; still one person.
        await EnrolAsync(t.ClassId, iin);
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToContainTextAsync(pupil!);
        Assert.Matches("[А-Яа-я]", await Page.Locator("[data-notice=refused]").InnerTextAsync());
        Assert.Equal(1, await Web.Db.ScalarAsync<long>("SELECT count(*) FROM students WHERE iin = @iin", ("iin", iin)));
        await Session.CheckPageAsync("pupils-refused", Output);

        // From that day on the pupil is the class's: the subject's teacher marks them on the 18th, not on the 13th.
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var mark = (string date) => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date, kind = "formative", score = 8 } } };
        var early = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", mark("2026-11-13"), teacher);
        Assert.Equal("studentNotInClass", early.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        var written = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", mark("2026-11-18"), teacher);
        Assert.True(written.Status == 200, $"{written.Status} {written.Body}");
        var sequence = written.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();

        // The class's grid (its head reads it as the teacher does) has the pupil's row with that one mark.
        await Session.OpenAsync($"/teaching/{t.ClassId}?subjectId={t.SubjectId}&term=2");
        await Assertions.Expect(Page.Locator($"tr[data-student='{pupil}'] td[data-seq='{sequence}']")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator($"tr[data-student='{pupil}'] td[data-seq]")).ToHaveCountAsync(1);
        // The diary: the pupil's name and the mark.
        await Session.OpenAsync($"/students/{pupil}/diary");
        await Assertions.Expect(Page.Locator("#diary-title")).ToContainTextAsync("Әлихан");
        await Assertions.Expect(Page.Locator($"li[data-sequence='{sequence}']")).ToHaveCountAsync(1);
        await Session.CheckPageAsync("pupil-diary", Output);
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task Another_schools_pupils_page_is_refused_and_junk_in_the_address_is_not_shown()
    {
        var head = Web.Account("head");
        var other = Web.Registry.Data.Organizations.First(o => o.Id != head.ScopeId && o.Kind == "school").Id;
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{other}/pupils", 403);
        await Assertions.Expect(Page.Locator("form[action$='/enrol']")).ToHaveCountAsync(0);
        await Session.OpenAsync($"/desk/{head.ScopeId}/pupils?notice=%3Cscript%3E&error=%3Cb%3E");
        await Assertions.Expect(Page.Locator("[data-notice]")).ToHaveCountAsync(0);
        await Session.OpenAsync($"/desk/{head.ScopeId}/pupils?notice=refused&error=AlreadyEnrolled&a=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToContainTextAsync("<script>");
        Assert.Equal(0, await Page.Locator("[data-notice] script").CountAsync());
        Session.Guards.AssertClean();
    }

    private async Task EnrolAsync(string classId, string iin)
    {
        await Page.SelectOptionAsync("#enrol-class", classId);
        await Page.FillAsync("#enrol-iin", iin);
        await Page.FillAsync("#enrol-last", "Сәрсенбаев");
        await Page.FillAsync("#enrol-first", "Әлихан");
        await Page.FillAsync("#enrol-birth", "2015-03-14");
        await Page.SelectOptionAsync("#enrol-sex", "male");
        await Page.FillAsync("#enrol-date", "2026-11-16");
        await Page.ClickAsync("form[action$='/pupils/enrol'] button[type=submit]");
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
