using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// A year end in one school (issue 20), in the browser: the head sees the grade 9 class's final marks and the council's
/// defaults, records the decisions, issues a pupil's certificate (a blank refused first, in Russian), prints it; anyone
/// checks it by its code, anonymously, in Kazakh; the pupil's diary shows the examination, the final mark, the decision
/// and the document; revoked at the desk, the check says so.
/// </summary>
public sealed class YearEndPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_ends_a_grade_9_year_issues_a_certificate_and_anyone_checks_it()
    {
        var head = Web.Account("head");
        var data = Web.Registry.Data;
        var cls = data.Classes.First(c => c.OrganizationId == head.ScopeId && c.Grade == 9);
        var teachings = Web.Registry.Teachings().Where(t => t.ClassId == cls.Id).ToList();
        // Two pupils no other browser test writes for (not the demo parent's children, not the last ones of the roster).
        var children = data.StudentParents.Where(p => p.ParentId == Web.Account("parent").ScopeId).Select(p => p.StudentId).ToHashSet();
        var (best, pending) = teachings[0].Roster.Take(teachings[0].Roster.Length - 2).Where(s => !children.Contains(s)).ToArray() is [var a, var b, ..]
            ? (a, b) : throw new InvalidOperationException($"class {cls.Id} has too few pupils for this test");
        foreach (var t in teachings)
        {
            object Fo(string pupil, string date, int score) => new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date, kind = "formative", score };
            var ack = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
                new { entries = new[] { Fo(best, "2026-10-01", 10), Fo(best, "2026-11-18", 10), Fo(pending, "2026-11-18", 7) } }, $"user={t.TeacherId}; roles=teacher");
            Assert.True(ack.Status == 200, ack.Body.ToString());
        }
        var exam = teachings[0].SubjectId;
        var examined = await Web.Http.PostJsonAsync($"/api/v1/classes/{cls.Id}/exams",
            new { subjectId = exam, marks = new object[] { new { studentId = best, mark = 5 }, new { studentId = pending, mark = (int?)null } } },
            $"user=year-end; roles=head@{head.ScopeId}");
        Assert.True(examined.Status == 200, examined.Body.ToString());

        // The desk's year end: the best pupil's examined subject 5/5 → 5, promoted by default; the other waits for the examination.
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Page.ClickAsync("a[data-link=year-end]");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Итоги учебного года");
        await Page.SelectOptionAsync("#year-end-class", cls.Id);
        await Page.ClickAsync("form[method=get] button[type=submit]");
        var bestRow = Page.Locator($"table.year-end tr[data-student='{best}']");
        await Assertions.Expect(bestRow.Locator($"li[data-subject='{exam}']")).ToContainTextAsync("5/5 → 5");
        await Assertions.Expect(bestRow).ToHaveAttributeAsync("data-proposed", "promoted");
        await Assertions.Expect(Page.Locator($"table.year-end tr[data-student='{pending}'] td").Nth(1)).ToHaveTextAsync("Ожидается экзамен");
        await Assertions.Expect(Page.Locator($"table.documents tr[data-student='{best}']")).ToContainTextAsync("Свидетельство об основном среднем образовании");
        await Assertions.Expect(Page.Locator($"table.documents tr[data-student='{best}']")).ToContainTextAsync("Сначала внесите решение совета");

        // The council: the defaults as preselected (the pupil still to write the examination left empty).
        await Page.ClickAsync("form[action$='/year-end/council'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=decided]")).ToContainTextAsync("Решения совета сохранены");
        await Assertions.Expect(bestRow).ToHaveAttributeAsync("data-decided", "promoted");
        await Assertions.Expect(Page.Locator($"table.year-end tr[data-student='{pending}']")).ToHaveAttributeAsync("data-decided", "");

        // A number with a letter, past the browser's own check: refused in Russian; then the certificate is issued.
        var issue = Page.Locator($"table.documents tr[data-student='{best}'] form.issue-form");
        await issue.Locator("input[name=series]").FillAsync("жоб");
        await issue.Locator("input[name=number]").EvaluateAsync("n => { n.removeAttribute('pattern'); n.value = '12A'; }");
        await issue.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToHaveTextAsync("Номер — от 1 до 10 цифр.");
        issue = Page.Locator($"table.documents tr[data-student='{best}'] form.issue-form");
        await issue.Locator("input[name=series]").FillAsync("жоб");
        await issue.Locator("input[name=number]").FillAsync("0000123");
        await issue.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=issued]")).ToHaveTextAsync("Документ выдан.");
        var link = Page.Locator($"table.documents tr[data-student='{best}'] a[data-print-link]");
        await Assertions.Expect(link).ToHaveTextAsync("ЖОБ № 0000123");
        await Session.CheckPageAsync("desk-year-end", Output);

        // The printable certificate: the kind, the distinction, every subject's final mark, the code to check it by.
        await Session.OpenAsync($"/desk/{head.ScopeId}/year-end?classId={cls.Id}&lang=ru");
        await link.ClickAsync();
        await Assertions.Expect(Page.Locator("#document-title")).ToHaveTextAsync("Свидетельство об основном среднем образовании");
        await Assertions.Expect(Page.Locator(".education-document .distinction")).ToHaveTextAsync("с отличием");
        await Assertions.Expect(Page.Locator("table.document-marks tbody tr")).ToHaveCountAsync(teachings.Select(t => t.SubjectId).Distinct().Count());
        await Assertions.Expect(Page.Locator("button[data-print]")).ToBeVisibleAsync();
        var code = (await Page.Locator("code[data-code]").TextContentAsync())!.Trim();
        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$", code);
        await Session.CheckPageAsync("document-print", Output);

        // The pupil's diary: the examination, the final mark, the council's decision and the document with its code.
        await Session.OpenAsync($"/students/{best}/diary?lang=kk");
        var exams = Page.Locator($"table.diary-exams tr[data-subject='{exam}']");
        await Assertions.Expect(exams.Locator("td[data-exam]")).ToHaveTextAsync("5");
        await Assertions.Expect(exams.Locator("td[data-final]")).ToHaveTextAsync("5");
        await Assertions.Expect(Page.Locator(".diary-year-end dd[data-decided]")).ToHaveTextAsync("Келесі сыныпқа көшірілсін");
        await Assertions.Expect(Page.Locator(".diary-year-end dd[data-document]")).ToContainTextAsync("Негізгі орта білім туралы куәлік");
        await Session.CheckPageAsync("diary-year-end", Output);

        // Anyone checks it by the code: signed out, typed in lower case with spaces, in Kazakh.
        await Session.Context.ClearCookiesAsync();
        await Session.OpenAsync("/verify?lang=kk");
        await Page.FillAsync("#verify-code", code.Replace('-', ' ').ToLowerInvariant());
        await Page.ClickAsync("form[action='/verify'] button[type=submit]");
        var verified = Page.Locator("section.verified");
        await Assertions.Expect(verified).ToHaveAttributeAsync("data-result", "valid");
        await Assertions.Expect(verified.Locator("h2")).ToHaveTextAsync("Жарамды");
        await Assertions.Expect(verified).ToContainTextAsync("ЖОБ № 0000123");
        var name = (await Web.Db.ScalarAsync<string>("SELECT last_name || '|' || first_name FROM students WHERE id = @s", ("s", best))).Split('|');
        await Assertions.Expect(verified).ToContainTextAsync($"{name[0][0]}. {name[1][0]}.");
        await Assertions.Expect(verified).Not.ToContainTextAsync(name[0]);
        await Session.OpenAsync($"/verify/{code}?lang=kk");
        await Session.CheckPageAsync("verify-document", Output);
        await Session.OpenAsync("/verify/0000-0000-0000-0000-0000-0000-0000-0000?lang=ru");
        await Assertions.Expect(Page.Locator("[data-result=unknown]")).ToHaveTextAsync("Документ с таким кодом не найден. Проверьте код.");

        // Revoked at the desk with a reason: the check says so.
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}/year-end?classId={cls.Id}&lang=ru");
        var row = Page.Locator($"table.documents tr[data-student='{best}']");
        await row.Locator("details.revoke summary").ClickAsync();
        await row.Locator("input[name=reason]").FillAsync("Бланк испорчен");
        await row.Locator("button.danger").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=revoked]")).ToHaveTextAsync("Документ аннулирован.");
        await Assertions.Expect(Page.Locator("ul.revoked-documents li")).ToContainTextAsync("ЖОБ № 0000123");
        await Session.OpenAsync($"/verify/{code}?lang=ru");
        await Assertions.Expect(Page.Locator("section.verified")).ToHaveAttributeAsync("data-result", "revoked");
        await Assertions.Expect(Page.Locator("section.verified h2")).ToHaveTextAsync("Аннулирован");
        Session.Guards.AssertClean();
    }
}
