using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>A parent's pages: the family list, a child's page within its budget, and no page of another child.</summary>
public sealed class StudentPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private const int DiaryBudgetKiB = 150;

    [Fact]
    public async Task A_parent_sees_their_children_and_opens_a_childs_page_within_its_budget()
    {
        var parent = Web.Account("parent");
        var children = Web.Registry.Data.StudentParents.Where(p => p.ParentId == parent.ScopeId).Select(p => p.StudentId).Order().ToList();
        await Session.SignInAsync(parent.Login, parent.Password);
        await Session.CheckPageAsync("family", Output);

        var links = await Page.Locator("ul.children a[href^='/students/']:not(.diary-link)").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(children.Select(id => $"/students/{id}"), links.Order());

        await Page.Locator($"ul.children a[href='/students/{children[0]}']").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/students/{children[0]}");
        await Assertions.Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Session.CheckPageAsync("student", Output);
        await PageWeight.AssertWithinAsync(Session, $"/students/{children[0]}", DiaryBudgetKiB, Output);
    }

    [Fact]
    public async Task A_parent_cannot_open_another_childs_page_and_never_sees_that_childs_name()
    {
        var parent = Web.Account("parent");
        var data = Web.Registry.Data;
        var own = data.StudentParents.Where(p => p.ParentId == parent.ScopeId).Select(p => p.StudentId).ToHashSet();
        var other = data.Students.First(s => !own.Contains(s.Id));
        await Session.SignInAsync(parent.Login, parent.Password);

        await Session.OpenAsync($"/students/{other.Id}", 403);

        await Assertions.Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        var text = await Page.InnerTextAsync("body") + await Page.TitleAsync();
        Assert.DoesNotContain(other.LastName, text);
        Assert.DoesNotContain(other.FirstName + " " + other.LastName, text);
        Assert.DoesNotContain(other.Iin, text);
        await Session.CheckPageAsync("forbidden", Output);
    }
}
