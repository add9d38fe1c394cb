using System.Globalization;
using System.Text.Json;

namespace EduInfo.Grains.Interfaces.Localization;

/// <summary>
/// Every user-visible text in Kazakh, Russian and English (order point 9), from Localization/messages.json.
/// A missing key or language is a test failure, never a silent fallback in production.
/// </summary>
public static class Messages
{
    public const string Kazakh = "kk";
    public const string Russian = "ru";
    public const string English = "en";

    /// <summary>Supported languages; the first is the default (the state language).</summary>
    public static readonly IReadOnlyList<string> Languages = [Kazakh, Russian, English];

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Catalog { get; } = Load();

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, formatted with <paramref name="arguments"/>.</summary>
    public static string Get(string key, string language, params IReadOnlyList<string> arguments)
    {
        if (!Catalog.TryGetValue(key, out var texts))
        {
            throw new KeyNotFoundException($"No message '{key}'.");
        }
        var text = texts.TryGetValue(language, out var t) ? t : texts[Kazakh];
        return arguments.Count == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, arguments.ToArray<object>());
    }

    /// <summary>Of a value the registry holds in each language (a name), the one in <paramref name="language"/>.</summary>
    public static string Pick(string language, string kk, string ru, string en) => language switch
    {
        Russian => ru,
        English => en,
        _ => kk,
    };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        using var stream = typeof(Messages).Assembly.GetManifestResourceStream("EduInfo.Grains.Interfaces.Localization.messages.json")
            ?? throw new InvalidOperationException("messages.json is not embedded.");
        var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!;
        return raw.ToDictionary(k => k.Key, k => (IReadOnlyDictionary<string, string>)k.Value, StringComparer.Ordinal);
    }
}
