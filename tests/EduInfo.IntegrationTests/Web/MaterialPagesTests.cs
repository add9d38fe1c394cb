using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The material pages (issue 24) in a real browser: a teacher writes a material in Kazakh, has a page refused as an
/// attachment and a PDF taken, and sends it for review; the district's officer, in Russian, finds it in the area's
/// queue, is told a return needs a reason, and publishes it; a head finds it by a Kazakh word, comments and rates it.
/// axe on every page.
/// </summary>
public sealed class MaterialPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private async Task SignInAsAsync(string login)
    {
        await Session.Context.ClearCookiesAsync();
        var account = Web.Account(login);
        await Session.SignInAsync(account.Login, account.Password);
    }

    [Fact]
    public async Task A_teacher_writes_a_material_the_district_publishes_it_and_a_head_finds_comments_and_rates_it()
    {
        var officer = Web.Account("district.officer");
        var marker = "Ойынтық" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant().Replace('A', 'Ә').Replace('B', 'Ғ').Replace('C', 'Қ').Replace('D', 'Ң')
            .Replace('E', 'Ө').Replace('F', 'Ұ').Replace('0', 'Ү').Replace('1', 'Һ').Replace('2', 'І').Replace('3', 'Ә').Replace('4', 'Ғ').Replace('5', 'Қ')
            .Replace('6', 'Ң').Replace('7', 'Ө').Replace('8', 'Ұ').Replace('9', 'Ү');

        // The teacher, in Kazakh: writes the draft.
        await SignInAsAsync("teacher");
        await Session.OpenAsync("/materials/new?lang=kk");
        await Page.FillAsync("#title", $"Бөлшектерді қосу: {marker} сабақ");
        await Page.FillAsync("#summary", "5-сыныпқа арналған сабақ жоспары мен тапсырмалар.");
        await Page.SelectOptionAsync("#subject", "MAT");
        await Page.SelectOptionAsync("#grade", "5");
        await Page.SelectOptionAsync("#language", "kk");
        await Page.FillAsync("#body", "## Мақсаты\nОқушылар **бөлшектерді** ойын арқылы қосады.\n\n1. Жұптық жұмыс\n2. Бағалау");
        await Session.CheckPageAsync("material-new", Output);
        await Session.OpenAsync("/materials/new?lang=kk");
        await Page.FillAsync("#title", $"Бөлшектерді қосу: {marker} сабақ");
        await Page.FillAsync("#summary", "5-сыныпқа арналған сабақ жоспары мен тапсырмалар.");
        await Page.SelectOptionAsync("#subject", "MAT");
        await Page.FillAsync("#body", "## Мақсаты\nОқушылар **бөлшектерді** ойын арқылы қосады.\n\n1. Жұптық жұмыс\n2. Бағалау");
        await Page.ClickAsync("form.material-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=created]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-badge=draft]")).ToHaveTextAsync("Жоба");
        await Assertions.Expect(Page.Locator(".material-body strong", new() { HasTextString = "бөлшектерді" })).ToHaveCountAsync(1);
        var material = Page.Url.Split('/', '?')[4];

        // A page named .pdf is refused by its bytes, in Kazakh; a PDF is taken.
        await Page.SetInputFilesAsync("#file", new FilePayload { Name = "жоспар.pdf", MimeType = "application/pdf", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray() });
        await Page.ClickAsync("form[data-form=attach] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals")).ToContainTextAsync("PDF, DOCX, PPTX");
        await Page.SetInputFilesAsync("#file", new FilePayload { Name = "жоспар.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Page.ClickAsync("form[data-form=attach] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=attached]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("li[data-attachment] a")).ToHaveTextAsync("жоспар.pdf");
        await Session.CheckPageAsync("material-draft", Output);
        await Session.OpenAsync($"/materials/{material}?lang=kk");
        await Page.ClickAsync("form[data-form=submit] button");
        await Assertions.Expect(Page.Locator("[data-notice=submitted]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-badge=inReview]")).ToHaveTextAsync("Тексеруде");
        await Assertions.Expect(Page.Locator("form[data-form=attach]")).ToHaveCountAsync(0);

        // The district's officer, in Russian: the queue, a return without a reason refused, then published.
        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{officer.ScopeId}/material-reviews?lang=ru");
        await Assertions.Expect(Page.Locator($"li[data-material='{material}']")).ToHaveCountAsync(1);
        await Session.CheckPageAsync("material-reviews", Output);
        await Session.OpenAsync($"/materials/{material}?lang=ru");
        await Page.CheckAsync("form[data-form=review] input[value=return]");
        await Page.ClickAsync("form[data-form=review] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-badge=inReview]")).ToHaveTextAsync("На проверке");
        await Session.CheckPageAsync("material-review", Output);
        await Session.OpenAsync($"/materials/{material}?lang=ru");
        await Page.CheckAsync("form[data-form=review] input[value=publish]");
        await Page.ClickAsync("form[data-form=review] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=reviewed]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-badge=published]")).ToHaveTextAsync("Опубликован");

        // A head, in Russian: finds it by the Kazakh word (whatever its case), comments and rates it.
        await SignInAsAsync("head");
        await Session.OpenAsync($"/materials?q={Uri.EscapeDataString(marker.ToLowerInvariant())}&lang=ru");
        await Assertions.Expect(Page.Locator("li[data-material]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator($"li[data-material='{material}'] .material-title")).ToContainTextAsync(marker);
        await Session.CheckPageAsync("materials-search", Output);
        await Page.ClickAsync($"li[data-material='{material}'] .material-title");
        await Page.FillAsync("#comment-body", "Рахмет, *өте* пайдалы жоспар!");
        await Page.ClickAsync("form[data-form=comment] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=commented]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("article[data-comment] .post-body em")).ToHaveTextAsync("өте");
        await Page.CheckAsync("form[data-form=rating] input[value='5']");
        await Page.ClickAsync("form[data-form=rating] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=rated]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-ratings]")).ToHaveTextAsync("★ 5.0 (оценок: 1)");
        await Session.CheckPageAsync("material-published", Output);
    }
}
