using EduInfo.Api.Web;
using Microsoft.AspNetCore.Http;

namespace EduInfo.UnitTests.Api;

/// <summary>Numbers, percentages, dates and times on pages are written the way each language writes them.</summary>
public sealed class WebFormatTests
{
    private static WebText In(string language)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString($"?lang={language}");
        return new WebText(new HttpContextAccessor { HttpContext = context });
    }

    [Theory]
    [InlineData("kk", "11\u00a0652", "94,5%", "3,75", "2015 ж. 13 ақпан", "27.11.2026 16:30")]
    [InlineData("ru", "11\u00a0652", "94,5 %", "3,75", "13 февраля 2015 г.", "27.11.2026 16:30")]
    [InlineData("en", "11,652", "94.5%", "3.75", "13 February 2015", "27/11/2026 16:30")]
    public void Each_language_formats_its_own_way(string language, string number, string percent, string average, string date, string time)
    {
        var text = In(language);
        Assert.Equal(number, text.Number(11652));
        Assert.Equal(percent, text.Percent(94.5m));
        Assert.Equal(average, text.Decimal(3.7512m));
        Assert.Equal(date, text.Date(new DateOnly(2015, 2, 13)));
        // An instant is shown on Kazakhstan's clocks (UTC+5), whatever the server's zone.
        Assert.Equal(time, text.DateTime(new DateTimeOffset(2026, 11, 27, 11, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_figure_that_does_not_exist_is_a_dash_in_every_language()
    {
        foreach (var language in new[] { "kk", "ru", "en" })
        {
            Assert.Equal(WebText.Missing, In(language).Percent(null));
            Assert.Equal(WebText.Missing, In(language).Number(null));
        }
    }
}
