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
}
