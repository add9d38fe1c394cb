using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The diary page (issue 17): a parent opens their child's diary from /family and sees the marks, "what do I need" for a
/// summative the class wrote and the child missed, and who read the child's data; cannot open another child's diary;
/// sees final marks once the head closed a term; and a mark posted through the API appears without a reload. axe on
/// every view, the page within its budget.
/// </summary>
public sealed class DiaryPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private const int DiaryBudgetKiB = 150;

    /// <summary>The demo parent's first child, its class and school, and the subjects its class is taught by teachers other
    /// than the demo teacher and class teacher (whose journals other tests write), one per use.</summary>
    private (string Student, string ClassId, string Organization, IReadOnlyList<DemoRegistry.Teaching> Subjects) Child()
    {
        var data = Web.Registry.Data;
        var parent = Web.Account("parent");
        var student = data.StudentParents.Where(p => p.ParentId == parent.ScopeId).Select(p => p.StudentId).Order(StringComparer.Ordinal)
            .First(s => Web.Registry.Teachings().Any(t => t.Roster.Contains(s)));
        var classId = data.Enrolments.Last(e => e.StudentId == student).ClassId;
        var demoTeachers = data.Assignments.Where(a => a.GroupId == classId).Select(a => a.TeacherId).Distinct().Take(2).ToHashSet();
        var subjects = Web.Registry.Teachings().Where(t => t.ClassId == classId && !demoTeachers.Contains(t.TeacherId))
            .GroupBy(t => t.SubjectId).Select(g => g.First()).OrderBy(t => t.SubjectId, StringComparer.Ordinal).ToList();
        Assert.True(subjects.Count >= 3, $"class {classId} has too few subjects of other teachers for these tests");
        return (student, classId, data.Classes.Single(c => c.Id == classId).OrganizationId, subjects);
    }

    private async Task PostMarksAsync(DemoRegistry.Teaching t, params object[] entries)
    {
        var ack = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(ack.Status == 200, $"marks refused: {ack.Body}");
    }

    private static object Mark(DemoRegistry.Teaching t, string student, DateOnly date, string kind, int score, int? maxScore = null) =>
        new { entryId = Guid.NewGuid(), studentId = student, subjectId = t.SubjectId, date = date.ToString("yyyy-MM-dd"), kind, score, maxScore };

    [Fact]
    public async Task A_parent_sees_the_marks_what_a_missed_summative_needs_and_who_read_the_diary()
    {
        var (student, _, organization, subjects) = Child();
        var t = subjects[0];
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 20));
        // The child: FO 6, 6, 6, 6, 5 (58 %) and SOR 10/20 (50 %); the class wrote a SOCH out of 20 the child missed.
        await PostMarksAsync(t, [.. new[] { 6, 6, 6, 6, 5 }.Select((score, i) => Mark(t, student, days[i], "formative", score)),
            Mark(t, student, days[5], "section", 10, 20)]);
        await PostMarksAsync(t, [.. t.Roster.Where(s => s != student).Take(3).Select(s => Mark(t, s, days[6], "term", 15, 20))]);
        // A head read the diary before the parent: the parent is told so, as a role and a school.
        Assert.Equal(200, (await Web.Http.GetJsonAsync($"/api/v1/students/{student}/diary", $"user=diary-head; roles=head@{organization}")).Status);

        var parent = Web.Account("parent");
        await Session.SignInAsync(parent.Login, parent.Password);
        await Session.OpenAsync("/family");
        await Page.Locator($"ul.children a.diary-link[href='/students/{student}/diary']").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/students/{student}/diary");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var card = Page.Locator($"#diary .diary-subject[data-subject='{t.SubjectId}']");
        await Assertions.Expect(card.Locator(".marks li")).ToHaveCountAsync(6);
        await Assertions.Expect(card.Locator(".term-mark[data-outcome=pending]")).ToHaveCountAsync(1);
        // 14.5 + 12.5 + 50 % of the SOCH: a 3 from 5 of 20, a 4 from exactly 64.5 % (15 of 20), a 5 out of reach.
        var need = card.Locator(".needs .need[data-need=term][data-max='20']");
        await Assertions.Expect(need.Locator("li")).ToHaveCountAsync(3);
        Assert.Equal(["5", "15", ""], await need.Locator("li").EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.least ?? '')"));
        await Assertions.Expect(need.Locator("li[data-mark='4']")).ToContainTextAsync("15");
        await Assertions.Expect(need.Locator("li[data-mark='4']")).ToContainTextAsync("20");

        var readers = Page.Locator("table.diary-readers tbody tr");
        await Assertions.Expect(Page.Locator("table.diary-readers tbody tr[data-role=head]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("table.diary-readers tbody tr[data-role=parent]").First).ToBeVisibleAsync();
        var text = await Page.InnerTextAsync("table.diary-readers");
        Assert.Contains(Web.Registry.Data.Organizations.Single(o => o.Id == organization).NameKk, text);
        Assert.DoesNotContain("diary-head", await Page.ContentAsync());
        Assert.True(await readers.CountAsync() >= 2);

        await Session.CheckPageAsync("diary", Output);
        await PageWeight.AssertWithinAsync(Session, $"/students/{student}/diary", DiaryBudgetKiB, Output);
    }

    [Fact]
    public async Task A_parent_cannot_open_another_childs_diary_and_an_unknown_one_is_not_found()
    {
        var parent = Web.Account("parent");
        var data = Web.Registry.Data;
        var own = data.StudentParents.Where(p => p.ParentId == parent.ScopeId).Select(p => p.StudentId).ToHashSet();
        var other = data.Students.First(s => !own.Contains(s.Id));
        await Session.SignInAsync(parent.Login, parent.Password);

        await Session.OpenAsync($"/students/{other.Id}/diary", 403);
        await Assertions.Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#diary")).ToHaveCountAsync(0);
        var text = await Page.InnerTextAsync("body") + await Page.TitleAsync();
        Assert.DoesNotContain(other.LastName, text);
        Assert.DoesNotContain(other.Iin, text);
        await Session.CheckPageAsync("diary-forbidden", Output);

        await Session.OpenAsync("/students/S-NO-SUCH-ONE/diary", 404);
        await Assertions.Expect(Page.Locator("#diary")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Once_the_head_closes_a_term_the_diary_shows_its_marks_as_final()
    {
        var (student, classId, organization, subjects) = Child();
        var t = subjects[1];
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 14), new DateOnly(2026, 10, 9));
        // FO 9 (90 %), SOR 18/20 (90 %), SOCH 17/20 (85 %): 22.5 + 22.5 + 42.5 = 87.5 → 88 → 5.
        await PostMarksAsync(t, Mark(t, student, days[0], "formative", 9), Mark(t, student, days[5], "section", 18, 20),
            Mark(t, student, days[10], "term", 17, 20));

        var parent = Web.Account("parent");
        await Session.SignInAsync(parent.Login, parent.Password);
        await Session.OpenAsync($"/students/{student}/diary?term=1");
        var mark = Page.Locator($"#diary .diary-subject[data-subject='{t.SubjectId}'] .term-mark");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-term-mark", "5");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-final", "false");

        var closed = await Web.Http.PostJsonAsync($"/api/v1/classes/{classId}/terms/1/close", new { }, $"user=diary-head; roles=head@{organization}");
        Assert.True(closed.Status == 200, $"close refused: {closed.Body}");

        await Session.OpenAsync($"/students/{student}/diary?term=1");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-final", "true");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-term-mark", "5");
        await Assertions.Expect(Page.Locator("#diary .term-tabs a[aria-current=page]")).ToHaveAttributeAsync("href", $"/students/{student}/diary?term=1");
        await Assertions.Expect(Page.Locator($"table.diary-year tr[data-subject='{t.SubjectId}'] td[data-term='1'] .final")).ToHaveTextAsync("5");
        await Session.CheckPageAsync("diary-closed-term", Output);
    }

    [Fact]
    public async Task A_mark_posted_through_the_API_appears_in_the_open_diary_without_a_reload()
    {
        var (student, _, _, subjects) = Child();
        var t = subjects[2];
        var parent = Web.Account("parent");
        await Session.SignInAsync(parent.Login, parent.Password);
        await Session.OpenAsync($"/students/{student}/diary");
        var marks = Page.Locator($"#diary .diary-subject[data-subject='{t.SubjectId}'] .marks li");
        var before = await marks.CountAsync();
        var watermark = long.Parse(await Page.Locator("#diary").GetAttributeAsync("data-watermark") ?? "0");
        await Page.EvaluateAsync("() => { window.notReloaded = true; }");

        await PostMarksAsync(t, Mark(t, student, new DateOnly(2026, 11, 25), "formative", 9));

        // The stream pushes the new watermark; the module re-renders the diary from the server (within ~1 s of it).
        await Page.WaitForFunctionAsync($"() => Number(document.getElementById('diary').dataset.watermark) > {watermark}",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await Assertions.Expect(marks).ToHaveCountAsync(before + 1);
        await Assertions.Expect(marks.First).ToContainTextAsync("9");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await Assertions.Expect(Page.Locator("#diary [role=status]")).Not.ToBeEmptyAsync();
        await Page.AssertAccessibleAsync(Output);
        Session.Guards.AssertClean();
    }
}
