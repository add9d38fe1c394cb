using System.Globalization;
using EduInfo.Api.Localization;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Web;

/// <summary>
/// The texts and formats of one page request: every text from the one catalogue (messages.json, kk/ru/en), numbers
/// and dates in the reader's culture. The language is the page's (<see cref="RequestLanguage.OfPage"/>: ?lang=, the
/// remembered choice, then Kazakh).
/// </summary>
public sealed class WebText(IHttpContextAccessor accessor)
{
    private string? _language;

    public string Language => _language ??= RequestLanguage.OfPage(accessor.HttpContext ?? throw new InvalidOperationException("No request."));

    public CultureInfo Culture => WebCultures.Of(Language);

    /// <summary>The texts of one language outside any request: a view rendered once and shared by its readers (<see cref="DashboardViews"/>).</summary>
    public static WebText For(string language) => new(new HttpContextAccessor()) { _language = language };

    public string this[string key] => Messages.Get(key, Language);

    public string Format(string key, params IReadOnlyList<string> arguments) => Messages.Get(key, Language, arguments);

    /// <summary>A whole number with the culture's group separator.</summary>
    public string Number(long? value) => value is { } v ? v.ToString("N0", Culture) : Missing;

    /// <summary>A percentage given on the 0–100 scale, with one decimal.</summary>
    public string Percent(decimal? value) => value is { } v ? (v / 100m).ToString("P1", Culture) : Missing;

    /// <summary>A difference of percentages, in percentage points with one decimal.</summary>
    public string Points(decimal value) => value.ToString("N1", Culture);

    /// <summary>A mark average or a GPA, with two decimals.</summary>
    public string Decimal(decimal? value) => value is { } v ? v.ToString("N2", Culture) : Missing;

    /// <summary>A day, written out without the weekday ("13 февраля 2015 г.", "2015 ж. 13 ақпан", "13 February 2015").</summary>
    public string Date(DateOnly value) => value.ToString(Language switch
    {
        Messages.Russian => "d MMMM yyyy 'г.'",
        Messages.English => "d MMMM yyyy",
        _ => "yyyy 'ж.' d MMMM",
    }, Culture);

    /// <summary>An instant as Kazakhstan's clocks show it (UTC+5), whatever the server's zone.</summary>
    public string DateTime(DateTimeOffset value) => value.ToOffset(KazakhstanClock.Offset).ToString("g", Culture);

    /// <summary>What a figure that does not exist (or is withheld) shows: a dash, read out by its title.</summary>
    public const string Missing = "—";
}

/// <summary>The culture each language formats numbers and dates with.</summary>
public static class WebCultures
{
    private static readonly CultureInfo Kazakh = CultureInfo.GetCultureInfo("kk-KZ");
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Of(string language) => language switch
    {
        Messages.Russian => Russian,
        Messages.English => English,
        _ => Kazakh,
    };
}
