using EduInfo.Api.Localization;
using Microsoft.AspNetCore.Http;

namespace EduInfo.UnitTests.Api;

public sealed class RequestLanguageTests
{
    [Theory]
    [InlineData(null, null, "kk")]
    [InlineData(null, "ru-RU,ru;q=0.9,en;q=0.8", "ru")]
    [InlineData(null, "de-DE, en;q=0.5", "en")]
    [InlineData(null, "en;q=0.3, kk;q=0.9", "kk")]
    [InlineData("en", "ru", "en")]
    [InlineData("xx", "ru", "ru")]
    [InlineData("KK", null, "kk")]
    public void Query_wins_then_the_best_accepted_language_then_Kazakh(string? lang, string? acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        if (lang is not null)
        {
            context.Request.QueryString = new QueryString($"?lang={lang}");
        }
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }
        Assert.Equal(expected, RequestLanguage.Of(context));
    }

    [Theory]
    [InlineData(null, null, "ru-RU", "kk")] // a page's default is the state language, whatever the browser prefers
    [InlineData(null, "ru", "en", "ru")] // the remembered choice
    [InlineData("en", "ru", null, "en")] // the switch wins over the remembered choice
    [InlineData(null, "xx", "ru", "kk")] // a cookie naming no language is ignored
    [InlineData("xx", "ru", null, "ru")]
    public void A_page_speaks_the_switch_then_the_remembered_choice_then_Kazakh(string? lang, string? cookie, string? acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        if (lang is not null)
        {
            context.Request.QueryString = new QueryString($"?lang={lang}");
        }
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{RequestLanguage.CookieName}={cookie}";
        }
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }
        Assert.Equal(expected, RequestLanguage.OfPage(context));
    }

    [Fact]
    public void The_API_also_follows_a_remembered_choice_before_the_browser_s_preference()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{RequestLanguage.CookieName}=en";
        context.Request.Headers.AcceptLanguage = "ru";
        Assert.Equal("en", RequestLanguage.Of(context));
    }
}
