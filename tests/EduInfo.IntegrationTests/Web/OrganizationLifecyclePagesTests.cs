using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// Organizations opened and closed from the pages (issue 18): a district officer reaches the district's organizations
/// from its dashboard and opens a school there; on another school's profile page a closing whose last day is before a
/// pupil's enrolment is refused naming that pupil by id only, then the closing that ends every enrolment goes through
/// and says what it did; the district's list marks the school closed. axe and screenshots on each view.
/// </summary>
public sealed class OrganizationLifecyclePagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    // Schools of their own: the district's demo school is the head's, which the other browser tests keep open. Their
    // names sort after the demo school's in every language, so the dashboard's first row (the drill-down's) stays it.
    private const string Opened = "WEB-LC-OPEN";
    private const string Closing = "WEB-LC-CLOSE";

    [Fact]
    public async Task A_district_officer_opens_a_school_and_closes_another_ending_its_pupils()
    {
        var officer = Web.Account("district.officer");
        var district = officer.ScopeId;
        var late = await ArrangeSchoolToCloseAsync(district);

        await Session.SignInAsync(officer.Login, officer.Password);
        await Session.OpenAsync($"/nodes/{district}?lang=ru");
        await Page.ClickAsync("a[data-link=organizations]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/nodes/{district}/organizations");
        await Session.CheckPageAsync("area-organizations", Output);

        // The opening form: a rural school from today.
        await Page.FillAsync("#open-id", Opened);
        await Page.SelectOptionAsync("#open-kind", "school");
        await Page.FillAsync("#open-name-kk", "Ұлағат мектеп-лицейі");
        await Page.FillAsync("#open-name-ru", "Школа-лицей «Ұлағат»");
        await Page.FillAsync("#open-name-en", "Ulagat school-lyceum");
        await Page.FillAsync("#open-languages", "kk, ru");
        await Page.CheckAsync("input[name=locality][value=rural]");
        await Page.ClickAsync("form.opening-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=opened]")).ToContainTextAsync(Opened);
        var row = Page.Locator($"tr[data-organization-id='{Opened}']");
        await Assertions.Expect(row).ToContainTextAsync("Школа-лицей «Ұлағат»");
        await Assertions.Expect(row).ToContainTextAsync("Сельская");
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-closed", "true");
        Assert.Equal(1, await Web.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'organization.open' AND target_id = @o AND outcome = 'committed'",
            ("o", Opened)));

        // The other school's profile: a last day before a pupil's enrolment began is refused, naming that pupil by id and nothing else.
        await Page.ClickAsync($"tr[data-organization-id='{Closing}'] a");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/organizations/{Closing}/profile");
        await Session.CheckPageAsync("organization-closing", Output);
        // Moving is offered only to classes the officer may move pupils to: those of the district's other schools, of the same year.
        await Page.ClickAsync(".closing-targets summary");
        var offered = await Page.Locator("select[data-from='WEB-LC-CLOSE-5A'] option[value*='>']").EvaluateAllAsync<string[]>("os => os.map(o => o.value.split('>')[1])");
        var data = Web.Registry.Data;
        var inDistrict = data.Classes.Where(c => data.Organizations.Single(o => o.Id == c.OrganizationId).NodeId == district).Select(c => c.Id).ToHashSet();
        Assert.NotEmpty(offered);
        Assert.All(offered, id => Assert.Contains(id, inDistrict));
        await Screenshots.TakeAsync(Page, "organization-closing-targets", "ru");
        await Page.FillAsync("#closing-date", "2026-11-19");
        await Page.FillAsync("#closing-reason", "Объединена со школой № 1");
        await Page.ClickAsync("form.closing-form button[type=submit]");
        var refused = Page.Locator("[data-closing=conflict]");
        await Assertions.Expect(refused.Locator($"li[data-conflict='{late}']")).ToContainTextAsync("2026-11-20");
        await Assertions.Expect(refused.Locator("li[data-conflict]")).ToHaveCountAsync(1);
        Assert.DoesNotContain("Сәрсенбаев", await refused.InnerTextAsync());
        Assert.DoesNotContain("Сәрсенбаев", Page.Url);
        Assert.Equal(2, await OpenEnrolmentsAsync());
        await Page.AssertAccessibleAsync(Output);
        await Screenshots.TakeAsync(Page, "organization-closing-conflict", "ru");

        // Ending every enrolment from today: done, with the counts.
        await Page.FillAsync("#closing-reason", "Объединена со школой № 1");
        await Page.CheckAsync("input[name=pupils][value=end]");
        await Page.ClickAsync("form.closing-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-closing=closed] [data-done]")).ToContainTextAsync("2");
        await Assertions.Expect(Page.Locator("form.closing-form")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("[data-closed-on]")).ToHaveAttributeAsync("data-closed-on", TestClock.Today.ToString("yyyy-MM-dd"));
        Assert.Equal(0, await OpenEnrolmentsAsync());
        Assert.Equal(TestClock.Today, await Web.Db.ScalarAsync<DateOnly>("SELECT closed_on FROM organizations WHERE id = @o", ("o", Closing)));
        Assert.Equal(2, await Web.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'pupil.leave' AND organization_id = @o", ("o", Closing)));
        await Page.AssertAccessibleAsync(Output);
        await Screenshots.TakeAsync(Page, "organization-closing-done", "ru");
        await Session.CheckPageAsync("organization-closed", Output);

        // The district's list marks it closed, in Kazakh too; the school just opened is open.
        await Session.OpenAsync($"/nodes/{district}/organizations?lang=kk");
        var closed = Page.Locator($"tr[data-organization-id='{Closing}']");
        await Assertions.Expect(closed).ToHaveAttributeAsync("data-closed", "true");
        await Assertions.Expect(closed.Locator(".closed-label")).ToHaveTextAsync("жабық");
        await Assertions.Expect(Page.Locator($"tr[data-organization-id='{Opened}'] .closed-label")).ToHaveCountAsync(0);
        await Session.CheckPageAsync("area-organizations-closed", Output);
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task The_head_sees_no_closing_and_no_organizations_page()
    {
        var head = Web.Account("head");
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/organizations/{head.ScopeId}/profile");
        await Assertions.Expect(Page.Locator("form.org-form")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#closing")).ToHaveCountAsync(0);
        var district = Web.Registry.Data.Organizations.Single(o => o.Id == head.ScopeId).NodeId;
        await Session.OpenAsync($"/nodes/{district}/organizations", 403);
        await Assertions.Expect(Page.Locator("form[action$='/organizations']")).ToHaveCountAsync(0);
        await Session.OpenAsync($"/nodes/{head.ScopeId}/organizations", 404);
        Session.Guards.AssertClean();
    }

    /// <summary>
    /// A second school of the district opened through the API, with a class (as an import adds one) and two pupils: one
    /// from the 16th, one from the 20th. Returns the id of the later one.
    /// </summary>
    private async Task<string> ArrangeSchoolToCloseAsync(string district)
    {
        const string op = "user=web-lc-op; roles=operator@KZ";
        var opened = await Web.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", new
        {
            id = Closing, nameKk = "Ынтымақ ауыл мектебі", nameRu = "Сельская школа «Ынтымақ»", nameEn = "Yntymaq village school", languages = new[] { "kk" },
            kind = "school", isRural = true, openedOn = "2026-09-01",
        }, op);
        Assert.True(opened.Status == 201, $"{opened.Status} {opened.Body}");
        await Web.Db.ExecuteAsync("""
            INSERT INTO classes (id, organization_id, academic_year, grade, letter, language, path)
            SELECT 'WEB-LC-CLOSE-5A', o.id, @y, 5, 'А', 'kk', o.path || 'WEB-LC-CLOSE-5A'::text FROM organizations o WHERE o.id = 'WEB-LC-CLOSE';
            INSERT INTO teaching_groups (id, class_id, kind) VALUES ('WEB-LC-CLOSE-5A', 'WEB-LC-CLOSE-5A', 'class');
            """, ("y", Web.Registry.Data.Classes[0].AcademicYear));
        var ids = new List<string>();
        foreach (var date in new[] { "2026-11-16", "2026-11-20" })
        {
            var enrolled = await Web.Http.PostJsonAsync("/api/v1/classes/WEB-LC-CLOSE-5A/pupils", PupilApiTests.Pupil(PupilApiTests.FreshIin(), date), op);
            Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
            ids.Add(enrolled.Body.GetProperty("studentId").GetString()!);
        }
        return ids[1];
    }

    private Task<long> OpenEnrolmentsAsync() =>
        Web.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE class_id = 'WEB-LC-CLOSE-5A' AND to_date IS NULL");
}
