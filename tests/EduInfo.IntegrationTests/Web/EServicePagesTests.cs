using System.Text.RegularExpressions;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The e-service pages (issue 22, item 10) in a real browser, each flow in two languages: a parent names a child, files
/// an admission to the first grade through the wizard and attaches a form (an HTML page dressed as a PDF is refused);
/// the school's head confirms the link, takes and approves it; the parent reads the decision and the inbox. A parent
/// applies to the kindergarten queue; the district's officer enqueues the child (the published queue shows the
/// reference, not the child) and directs it; the office's queue marks the term running out, then overdue, and the
/// officer's overdue list shows it.
/// </summary>
public sealed class EServicePagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>axe and the screenshots, then the page again in the flow's language (the screenshots leave the last one remembered).</summary>
    private async Task CheckAsync(string name, string language)
    {
        await Session.CheckPageAsync(name, Output);
        if (Screenshots.Enabled)
        {
            await Session.OpenAsync($"{new Uri(Page.Url).AbsolutePath}?lang={language}", await Session.StatusAsync());
        }
    }

    private async Task SignInAsAsync(string login)
    {
        await Session.Context.ClearCookiesAsync();
        var account = Web.Account(login);
        await Session.SignInAsync(account.Login, account.Password);
    }

    /// <summary>Names a child on "my applications" and returns the link's id.</summary>
    private async Task<string> ClaimAsync(string lastName, string firstName, string birth, string certificate)
    {
        await Page.FillAsync("#claim-last", lastName);
        await Page.FillAsync("#claim-first", firstName);
        await Page.FillAsync("#claim-birth", birth);
        await Page.FillAsync("#claim-iin", PupilApiTests.FreshIin(birth[2..].Replace("-", ""), '5'));
        await Page.FillAsync("#claim-certificate", certificate);
        await Page.ClickAsync("form[action='/applications/children'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=claimed]")).ToBeVisibleAsync();
        var card = Page.Locator("li[data-link]", new() { HasText = $"{lastName} {firstName}" });
        await Assertions.Expect(card).ToHaveAttributeAsync("data-confirmed", "false");
        return (await card.GetAttributeAsync("data-link"))!;
    }

    /// <summary>The wizard's three steps; returns the new application's id.</summary>
    private async Task<string> FileAsync(string service, string district, string link, Func<Task> fill, string screenshot, string language)
    {
        await Page.ClickAsync("a[data-apply]");
        await Page.ClickAsync($"li[data-service={service}] a");
        await Page.SelectOptionAsync("#apply-district", district);
        await Page.ClickAsync("form:has(#apply-district) button[type=submit]");
        await Page.SelectOptionAsync("#apply-child", $"link:{link}");
        await fill();
        await Page.AssertAccessibleAsync(Output);
        await Screenshots.TakeAsync(Page, screenshot, language);
        await Page.ClickAsync("form.apply-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=filed]")).ToBeVisibleAsync();
        return Regex.Match(new Uri(Page.Url).AbsolutePath, "^/applications/([0-9a-f-]{36})$").Groups[1].Value;
    }

    private async Task StepAsync(string action)
    {
        await Page.ClickAsync($"form.step-form[data-action={action}] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=stepped]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_parent_applies_to_the_first_grade_in_Kazakh_and_the_head_approves_it_in_Russian()
    {
        await ApplicationApiTests.OpenFirstGradeWindowAsync(Web.Http);
        var head = Web.Account("head");
        var district = Web.Registry.Data.Organizations.Single(o => o.Id == head.ScopeId).NodeId;
        var certificate = "I-АЛ " + Random.Shared.Next(1000000, 9999999);

        await SignInAsAsync("parent");
        await Session.OpenAsync("/applications?lang=kk");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Өтініштерім");
        var link = await ClaimAsync("Сәрсенова", "Айару", "2020-03-15", certificate);
        await CheckAsync("applications-parent", "kk");

        var id = await FileAsync("firstGradeAdmission", district, link, async () =>
        {
            await Page.SelectOptionAsync("#apply-office", head.ScopeId);
            await Page.CheckAsync("#apply-territory");
            foreach (var document in ApplicationApiTests.FirstGradeDocuments)
            {
                await Page.CheckAsync($"#apply-doc-{document}");
            }
        }, "apply-first-grade", "kk");
        await Assertions.Expect(Page.Locator("[data-notice=filed]")).ToHaveTextAsync("Өтініш қабылданды.");
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "filed");
        // Filed on Friday 27 November: five working days end on Friday 4 December.
        await Assertions.Expect(Page.Locator("section.application dl")).ToContainTextAsync("2026 ж. 4 желтоқсан");

        // An HTML page named .pdf is refused by its bytes, in Kazakh; a PDF is attached.
        await Page.SelectOptionAsync("#upload-document", "healthForm065");
        await Page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "form.pdf", MimeType = "application/pdf", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray() });
        await Page.ClickAsync("form[action$='/uploads'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals")).ToContainTextAsync("PDF");
        await Page.SelectOptionAsync("#upload-document", "healthForm065");
        await Page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "form.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Page.ClickAsync("form[action$='/uploads'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=uploaded]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("li[data-upload]")).ToHaveCountAsync(1);
        // The applicant sees the document listed, never a link to read it back (health data: the office's staff only).
        await Assertions.Expect(Page.Locator("li[data-upload] a")).ToHaveCountAsync(0);
        await CheckAsync("application-parent", "kk");

        // The head, in Russian: the work queue, the link confirmed against the certificate, taken, approved.
        await SignInAsAsync("head");
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Page.ClickAsync("a[data-link=applications]");
        var row = Page.Locator($"tr[data-application='{id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "filed");
        await Assertions.Expect(row).ToContainTextAsync("Сәрсенова Айару");
        await CheckAsync("office-applications", "ru");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Приём в первый класс");

        var download = await Page.Locator("li[data-upload] a").GetAttributeAsync("href");
        var read = await Page.APIRequest.GetAsync(download!);
        Assert.Equal(200, read.Status);
        Assert.StartsWith("attachment", read.Headers["content-disposition"]);
        Assert.Equal("nosniff", read.Headers["x-content-type-options"]);
        Assert.Equal(Pdf, await read.BodyAsync());

        // Taking it before the link is confirmed is refused in Russian; a wrong certificate too.
        await Page.ClickAsync("form.step-form[data-action=take] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToContainTextAsync("свидетельств");
        await Page.FillAsync("#confirm-certificate", "I-АЛ 0000000");
        await Page.ClickAsync("form[action$='/link-confirmation'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToBeVisibleAsync();
        await Page.FillAsync("#confirm-certificate", certificate);
        await Page.ClickAsync("form[action$='/link-confirmation'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=confirmed]")).ToHaveTextAsync("Связь родителя и ребёнка подтверждена.");
        await Assertions.Expect(Page.Locator("dd[data-link-confirmed]")).ToHaveAttributeAsync("data-link-confirmed", "true");
        await StepAsync("take");
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "inReview");
        await CheckAsync("application-office", "ru");
        await StepAsync("approve");
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "approved");
        await Assertions.Expect(Page.Locator("section.application .state")).ToHaveTextAsync("Одобрено");
        await Assertions.Expect(Page.Locator("table.transitions tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(Page.Locator("form.step-form")).ToHaveCountAsync(0);

        // The parent reads the decision and two messages (taken, approved) carrying a link, never the child's name.
        await SignInAsAsync("parent");
        await Session.OpenAsync("/applications?lang=kk");
        await Assertions.Expect(Page.Locator($"tr[data-application='{id}']")).ToHaveAttributeAsync("data-state", "approved");
        var messages = Page.Locator($"ul.messages a[href='/applications/{id}']");
        await Assertions.Expect(messages).ToHaveCountAsync(2);
        await Assertions.Expect(messages.First).ToHaveTextAsync(new Regex("^Өтініш «Бірінші сыныпқа қабылдау»: "));
        Assert.DoesNotContain("Сәрсенова", string.Join(" ", await messages.AllInnerTextsAsync()));
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task A_parent_joins_the_kindergarten_queue_in_Russian_and_the_district_directs_the_child_in_Kazakh()
    {
        var officer = Web.Account("district.officer");
        var district = officer.ScopeId;
        var kindergarten = "KG-" + Guid.NewGuid().ToString("N")[..10];
        var opened = await Web.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", AuthorizationScenario.Opening(kindergarten, "preschool"),
            "user=pages-operator; roles=operator@KZ");
        Assert.True(opened.Status == 201, $"{opened.Status} {opened.Body}");
        var certificate = "II-АЛ " + Random.Shared.Next(1000000, 9999999);

        await SignInAsAsync("parent");
        await Session.OpenAsync("/applications?lang=ru");
        var link = await ClaimAsync("Омаров", "Данияр", "2023-05-10", certificate);
        var late = await ClaimAsync("Омарова", "Дана", "2023-08-21", "II-АЛ 7654321");
        await Session.OpenAsync("/applications/new?lang=ru");
        await Assertions.Expect(Page.Locator("ol.steps li[aria-current=step]")).ToHaveTextAsync("1. Услуга");
        await CheckAsync("apply-services", "ru");
        await Session.OpenAsync("/applications?lang=ru");
        var id = await FileAsync("kindergartenQueue", district, link, async () =>
        {
            await Page.SelectOptionAsync("#apply-priority", "largeFamily");
            await Page.CheckAsync("#apply-doc-birthCertificate");
            await Page.CheckAsync("#apply-doc-priorityProof");
        }, "apply-kindergarten", "ru");
        await Assertions.Expect(Page.Locator("section.application dl")).ToContainTextAsync("многодетной семьи");
        // A second child, filed and left untaken: its one working day runs out on Monday.
        await Session.OpenAsync("/applications?lang=ru");
        var untaken = await FileAsync("kindergartenQueue", district, late, () => Page.CheckAsync("#apply-doc-birthCertificate"), "apply-kindergarten-2", "ru");

        // The officer, in Kazakh: the department's queue of work from the district's dashboard; the untaken one is due soon.
        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{district}?lang=kk");
        await Page.ClickAsync("a[data-link=applications]");
        await Assertions.Expect(Page.Locator($"tr[data-application='{untaken}']")).ToHaveAttributeAsync("data-urgency", "due-soon");
        await Page.Locator($"tr[data-application='{id}'] a").ClickAsync();
        await Page.FillAsync("#confirm-certificate", certificate);
        await Page.ClickAsync("form[action$='/link-confirmation'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=confirmed]")).ToBeVisibleAsync();
        await StepAsync("take");
        await Page.CheckAsync("#enqueue-priority");
        await StepAsync("enqueue");
        var queue = Page.Locator("section[data-place]");
        await Assertions.Expect(queue).ToHaveAttributeAsync("data-place", "1");
        await Assertions.Expect(Page.Locator(".queue-place")).ToHaveTextAsync(new Regex("1-орын"));
        var reference = (await queue.GetAttributeAsync("data-reference"))!;

        // Published: the reference and that a priority counts, never the child.
        await Session.OpenAsync($"/open/{district}/queue?lang=kk");
        await Assertions.Expect(Page.Locator($"tr[data-reference='{reference}']")).ToContainTextAsync("иә");
        Assert.DoesNotContain("Омаров", await Page.InnerTextAsync("main"));
        await CheckAsync("open-queue", "kk");

        await Session.OpenAsync($"/applications/{id}?lang=kk");
        await Page.SelectOptionAsync("#direct-kindergarten", kindergarten);
        await StepAsync("direct");
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "directed");
        await Assertions.Expect(Page.Locator("[data-directed]")).ToHaveAttributeAsync("data-directed", kindergarten);

        // The parent, in Russian: the direction and every change of place with its cause.
        await SignInAsAsync("parent");
        await Session.OpenAsync($"/applications/{id}?lang=ru");
        await Assertions.Expect(Page.Locator("[data-directed]")).ToContainTextAsync("Направление:");
        await Assertions.Expect(Page.Locator("table.queue-changes tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("table.queue-changes tr[data-cause=directed]")).ToBeVisibleAsync();
        await CheckAsync("application-directed", "ru");

        // A week on, the untaken application is overdue: highlighted in the office's queue and listed for the officer.
        var pinned = Web.Time.GetUtcNow();
        try
        {
            // AdjustTime, unlike SetUtcNow, goes back again afterwards (the browser tests share one host pinned to 27 November).
            Web.Time.AdjustTime(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
            await SignInAsAsync("district.officer");
            await Session.OpenAsync($"/desk/{district}/applications?lang=kk");
            var row = Page.Locator($"tr[data-application='{untaken}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-urgency", "overdue");
            await Assertions.Expect(row.Locator(".urgency")).ToContainTextAsync("кешікті");
            await Assertions.Expect(Page.Locator("dd[data-count=overdue]")).Not.ToHaveTextAsync("0");
            await Session.OpenAsync($"/nodes/{district}/overdue?lang=ru");
            await Assertions.Expect(Page.Locator($"table.overdue-list tr[data-application='{untaken}']")).ToBeVisibleAsync();
            Assert.DoesNotContain("Омарова", await Page.InnerTextAsync("main"));
            await Assertions.Expect(Page.Locator("table.service-figures tr[data-row=kindergartenQueue] td").First).Not.ToHaveTextAsync("0");
            await CheckAsync("overdue-list", "ru");
            // The monitoring dashboard carries the same figures (item 9): the overdue one counted there too, no person.
            await Session.OpenAsync($"/nodes/{district}?lang=kk");
            var figures = Page.Locator($"section.service-figures[data-node='{district}']");
            await Assertions.Expect(figures.Locator("tr[data-row=kindergartenQueue] td").Nth(3)).Not.ToHaveTextAsync("0");
            Assert.DoesNotContain("Омарова", await Page.InnerTextAsync("main"));
            await Assertions.Expect(Page.Locator("a[data-link=open-services]")).ToHaveAttributeAsync("href", $"/open/{district}/services");
            await CheckAsync("dashboard-services", "kk");
        }
        finally
        {
            Web.Time.AdjustTime(pinned);
        }
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task A_certificate_of_study_is_issued_at_once_and_its_code_checks_on_the_public_page()
    {
        await SignInAsAsync("parent");
        await Session.OpenAsync("/applications?lang=kk");
        await Page.ClickAsync("a[data-apply]");
        await Page.ClickAsync("li[data-service=studyCertificate] a");
        // No district to choose: the certificate comes from the pupil's own school.
        await Assertions.Expect(Page.Locator("ol.steps li[aria-current=step]")).ToHaveTextAsync("3. Бала мен құжаттар");
        var pupil = (await Page.Locator("#apply-child option").First.GetAttributeAsync("value"))!;
        Assert.StartsWith("pupil:", pupil);
        await Page.ClickAsync("form.apply-form button[type=submit]");
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "completed");
        var code = (await Page.Locator("code[data-code]").GetAttributeAsync("data-code"))!;
        var pupilName = Web.Registry.Data.Students.Single(s => s.Id == pupil["pupil:".Length..]).LastName;

        await Session.Context.ClearCookiesAsync();
        await Session.OpenAsync($"/verify/{code}?lang=ru");
        var verified = Page.Locator("section.verified[data-kind=studyCertificate]");
        await Assertions.Expect(verified).ToHaveAttributeAsync("data-result", "valid");
        await Assertions.Expect(verified.Locator("h2")).ToHaveTextAsync("Справка действительна: ученик обучается в этой школе");
        Assert.DoesNotContain(pupilName, await verified.InnerTextAsync());
        await CheckAsync("verify-certificate", "ru");
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task A_parent_asks_for_email_and_sms_with_quiet_hours_in_Russian_and_reads_them_back_in_Kazakh()
    {
        await SignInAsAsync("parent");
        await Session.OpenAsync("/applications?lang=ru");
        await Page.FillAsync("#channels-email", "mother@example.kz");
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=emailOn]");
        await Page.FillAsync("#channels-phone", "+7 727 234 56 78"); // a landline of Almaty: no SMS
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=smsOn]");
        await Page.FillAsync("#channels-from", "22:00");
        await Page.FillAsync("#channels-to", "07:00");
        await Page.ClickAsync("form[action$='/notification-channels'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals li")).ToHaveTextAsync("Нужен мобильный номер Казахстана: +7 7xx xxx xx xx.");
        Assert.Null(await Web.Db.ScalarAsync<string?>("SELECT email FROM notification_channels WHERE recipient = @r", ("r", Web.Account("parent").ScopeId)));

        await Page.FillAsync("#channels-email", "mother@example.kz");
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=emailOn]");
        await Page.FillAsync("#channels-phone", "8 701 234 56 78");
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=smsOn]");
        await Page.FillAsync("#channels-from", "22:00");
        await Page.FillAsync("#channels-to", "07:00");
        // The diary's news: marks and absences, not term marks.
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=marksOn]");
        await Page.CheckAsync("form[action$='/notification-channels'] input[name=absencesOn]");
        await Page.ClickAsync("form[action$='/notification-channels'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=channelssaved]")).ToHaveTextAsync("Каналы уведомлений сохранены.");
        await CheckAsync("applications-channels", "ru");

        await Session.OpenAsync("/applications?lang=kk");
        await Assertions.Expect(Page.Locator("#channels-title")).ToHaveTextAsync("Хабарламалар поштаға және SMS-ке");
        await Assertions.Expect(Page.Locator("#channels-phone")).ToHaveValueAsync("+77012345678");
        await Assertions.Expect(Page.Locator("#channels-email")).ToHaveValueAsync("mother@example.kz");
        await Assertions.Expect(Page.Locator("#channels-from")).ToHaveValueAsync("22:00");
        await Assertions.Expect(Page.Locator("form[action$='/notification-channels'] input[name=smsOn]")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("[data-journal-subscriptions] legend")).ToHaveTextAsync("Балаларымның күнделігінен хабарламалар");
        await Assertions.Expect(Page.Locator("form[action$='/notification-channels'] input[name=marksOn]")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("form[action$='/notification-channels'] input[name=absencesOn]")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("form[action$='/notification-channels'] input[name=termMarksOn]")).Not.ToBeCheckedAsync();
        // The messages go out in the language of the page the parent saved them from.
        Assert.Equal("ru", await Web.Db.ScalarAsync<string>("SELECT language FROM notification_channels WHERE recipient = @r", ("r", Web.Account("parent").ScopeId)));
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task The_head_issues_a_duplicate_into_the_register_from_the_application_page_in_Russian()
    {
        var head = Web.Account("head");
        var data = Web.Registry.Data;
        bool HasParent(string student) => data.StudentParents.Any(p => p.StudentId == student);
        var klass = data.Classes.First(c => c.OrganizationId == head.ScopeId && c.Grade == 9 && data.Enrolments.Any(e => e.ClassId == c.Id && HasParent(e.StudentId)));
        var pupil = data.Enrolments.First(e => e.ClassId == klass.Id && HasParent(e.StudentId)).StudentId;
        var parent = ApplicationApiTests.Parent(data.StudentParents.First(p => p.StudentId == pupil).ParentId);
        var headActor = $"user=page-duplicate-head; roles=head@{head.ScopeId}";
        // The certificate the pupil earned, issued through the API: every subject marked, the examination, the council.
        var teachings = Web.Registry.Teachings().Where(t => t.ClassId == klass.Id).ToList();
        foreach (var t in teachings)
        {
            await PostAsync($"/api/v1/classes/{klass.Id}/marks", new
            {
                entries = new[] { "2026-10-01", "2026-11-19" }.Select(date => new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date, kind = "formative", score = 9 }).ToArray(),
            }, $"user={t.TeacherId}; roles=teacher");
        }
        await PostAsync($"/api/v1/classes/{klass.Id}/exams", new { subjectId = teachings[0].SubjectId, marks = new object[] { new { studentId = pupil, mark = 5 } } }, headActor);
        await PostAsync($"/api/v1/classes/{klass.Id}/council", new { decisions = new[] { new { studentId = pupil, decision = "promoted" } } }, headActor);
        var taken = Random.Shared.Next(1_000_000, 4_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync($"/api/v1/classes/{klass.Id}/documents", new { studentId = pupil, series = "ЖОБ", number = taken, issuedOn = "2026-11-27" }, headActor);
        var filed = await Web.Http.PostJsonAsync("/api/v1/applications",
            new { service = "documentDuplicate", studentId = pupil, officeId = head.ScopeId, documents = new[] { "photos" } }, parent);
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;

        await SignInAsAsync("head");
        await Session.OpenAsync($"/applications/{id}?lang=ru");
        await StepAsync("take");
        await StepAsync("approve");
        var complete = Page.Locator("form.step-form[data-action=complete]");
        await Assertions.Expect(complete.Locator("#duplicate-original option")).ToHaveCountAsync(1);
        await Assertions.Expect(complete.Locator("#duplicate-original option")).ToContainTextAsync($"ЖОБ {taken}");
        await Page.FillAsync("#duplicate-series", "ЖОБ");
        await Page.FillAsync("#duplicate-number", "0099" + taken[..3]);
        await CheckAsync("application-duplicate", "ru");
        // The original's own blank: refused in Russian, nothing issued.
        await Page.FillAsync("#duplicate-series", "ЖОБ");
        await Page.FillAsync("#duplicate-number", taken);
        await complete.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals li")).ToHaveTextAsync("Бланк с такой серией и номером уже есть в реестре.");
        await Page.FillAsync("#duplicate-series", "жоб");
        await Page.FillAsync("#duplicate-number", "0099" + taken[..3]);
        await Page.ClickAsync("form.step-form[data-action=complete] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=stepped]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("section.application")).ToHaveAttributeAsync("data-state", "completed");
        Assert.Equal(("ЖОБ", "0099" + taken[..3]), (await Web.Db.ScalarAsync<string>("SELECT series FROM education_documents WHERE application_id = @a", ("a", Guid.Parse(id))),
            await Web.Db.ScalarAsync<string>("SELECT number FROM education_documents WHERE application_id = @a", ("a", Guid.Parse(id)))));
        Assert.True(await Web.Db.ScalarAsync<bool>("SELECT revoked_on IS NOT NULL FROM education_documents WHERE student_id = @s AND number = @n", ("s", pupil), ("n", taken)));
        Session.Guards.AssertClean();
    }

    private async Task PostAsync(string path, object body, string actor)
    {
        var response = await Web.Http.PostJsonAsync(path, body, actor);
        Assert.True(response.Status is 200 or 201, $"{path}: {response.Status} {response.Body}");
    }

    [Fact]
    public async Task The_pages_refuse_who_is_not_a_party_and_show_no_words_from_the_address()
    {
        await SignInAsAsync("teacher");
        await Session.OpenAsync("/applications?lang=ru", 403);
        await Session.OpenAsync("/applications/new?lang=ru", 403);
        await Session.OpenAsync($"/applications/{Guid.NewGuid()}?lang=ru", 404);
        await Session.OpenAsync("/applications/not-a-guid?lang=ru", 404);
        await Session.OpenAsync($"/desk/{Web.Account("head").ScopeId}/applications?lang=ru", 403);
        await Session.OpenAsync($"/nodes/{Web.Account("district.officer").ScopeId}/overdue?lang=ru", 403);

        await SignInAsAsync("parent");
        // Only known codes become words: anything else in the address is dropped.
        await Session.OpenAsync("/applications?lang=ru&notice=refused&error=%3Cscript%3Ealert(1)%3C/script%3E&error=noSuchCode&error=outsideWindow");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals li")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals li")).ToHaveTextAsync("Заявления сейчас не принимаются: вне периода приёма.");
        await Session.OpenAsync("/applications?lang=ru&notice=1");
        await Assertions.Expect(Page.Locator("[data-notice]")).ToHaveCountAsync(0);
        await Session.OpenAsync("/applications/new?service=99&lang=ru");
        await Assertions.Expect(Page.Locator("li[data-service]")).ToHaveCountAsync(5);
        await Session.OpenAsync("/open/KZ/queue?lang=ru", 404);
        await Session.OpenAsync("/open/KZ/services?lang=kk");
        await Assertions.Expect(Page.Locator("table.service-figures tr[data-row=total]")).ToBeVisibleAsync();
        await CheckAsync("open-services", "kk");
        Session.Guards.AssertClean();
    }
}
