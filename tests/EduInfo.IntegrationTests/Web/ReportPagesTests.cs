using EduInfo.Grains.Interfaces.Localization;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The report forms' links under the dashboard (issue 19): each downloads its file for the page's filter and language
/// with the reader's session, and a click saves the workbook titled in that language.
/// </summary>
public sealed class ReportPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    public async Task The_dashboard_s_report_links_download_the_forms_for_its_filter_and_language(string lang)
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);
        await Session.OpenAsync($"/nodes/{officer.ScopeId}?term=2&lang={lang}");
        await Assertions.Expect(Page.Locator(".report-forms a[data-report]")).ToHaveCountAsync(4);
        foreach (var (report, type) in new[] { ("progress-xlsx", Xlsx), ("progress-csv", "text/csv"), ("attendance-xlsx", Xlsx), ("attendance-csv", "text/csv") })
        {
            var href = await Page.Locator($".report-forms a[data-report={report}]").GetAttributeAsync("href") ?? "";
            Assert.StartsWith($"/api/v1/nodes/{officer.ScopeId}/reports/{report.Split('-')[0]}?", href, StringComparison.Ordinal);
            Assert.Contains("term=2", href, StringComparison.Ordinal);
            Assert.Contains($"lang={lang}", href, StringComparison.Ordinal);
            // Fetched by the page itself, with the reader's session and nothing else.
            var answer = await Page.EvaluateAsync<string>("async h => { const r = await fetch(h); return r.status + ' ' + r.headers.get('content-type'); }", href);
            Assert.StartsWith($"200 {type}", answer, StringComparison.Ordinal);
        }

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator(".report-forms a[data-report=progress-xlsx]").ClickAsync());
        Assert.Equal($"eduinfo-{officer.ScopeId}-progress-term2-all-2026-11-27.xlsx", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var lines = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.StartsWith(Messages.Get("report.title.progress", lang) + ": ", (string?)lines[0].Values.First(), StringComparison.Ordinal);
        Assert.Equal(Messages.Get("report.column.atStart", lang), lines[1].Values.ElementAt(2));
        Assert.Equal(Messages.Get("report.level.Total", lang), lines[^1].Values.First());
        if (lang == "kk")
        {
            await Session.CheckPageAsync("dashboard-reports", Output);
        }
    }
}
