using EduInfo.Domain.Registry;
using EduInfo.Domain.Journal;
using System.Text.RegularExpressions;
using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Api;

public sealed partial class LocalizationTests
{
    public static TheoryData<string> Keys => new(Messages.Catalog.Keys);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_text_exists_in_Kazakh_Russian_and_English_with_the_same_placeholders(string key)
    {
        var texts = Messages.Catalog[key];
        foreach (var language in Messages.Languages)
        {
            Assert.True(texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text), $"'{key}' has no {language} text");
        }
        var placeholders = texts.Values.Select(t => string.Join(",", Placeholder().Matches(t).Select(m => m.Value).Distinct().Order())).Distinct().ToList();
        Assert.True(placeholders.Count == 1, $"'{key}' uses different placeholders across languages");
        Assert.Equal(Messages.Languages.Count, texts.Count);
    }

    public static TheoryData<string> RequiredKeys => new(
        Enum.GetNames<JournalError>().Select(n => $"journal.error.{n}")
            .Concat(Enum.GetNames<NodeKind>().Select(n => $"kind.{n}"))
            .Concat(Enum.GetNames<AbsenceCode>().Select(n => $"absence.{n}"))
            .Concat(Enum.GetNames<MarkKind>().Select(n => $"markKind.{n}"))
            .Concat(Enum.GetNames<EduInfo.Api.Problems.BindingError>().Select(n => $"binding.error.{n}"))
            .Concat(EServiceKeys())
            .Concat(["standing.explain.term", "standing.explain.pending", "standing.explain.nothing", "standing.explain.annual"]));

    /// <summary>Every e-service enumeration a page or a problem names (issue 22), under its camelCase name.</summary>
    private static IEnumerable<string> EServiceKeys()
    {
        static IEnumerable<string> Of<T>(string kind) where T : struct, Enum =>
            Enum.GetValues<T>().Select(v => $"application.{kind}.{EduInfo.Storage.EServices.ApplicationStore.Text(v)}");
        return Of<EduInfo.Domain.EServices.ApplicationState>("state").Concat(Of<EduInfo.Domain.EServices.ApplicationAction>("action"))
            .Concat(Of<EduInfo.Domain.EServices.ServiceDocument>("document")).Concat(Of<EduInfo.Domain.EServices.RefusalGround>("ground"))
            .Concat(Of<EduInfo.Domain.EServices.PriorityCategory>("priority")).Concat(Of<EduInfo.Domain.EServices.FilingError>("error"))
            .Concat(Of<EduInfo.Domain.EServices.QueueChangeCause>("queueCause")).Concat(Of<EduInfo.Domain.EServices.UploadError>("error"));
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void Every_error_code_and_enumeration_has_a_text(string key) =>
        Assert.True(Messages.Catalog.ContainsKey(key), $"missing message key '{key}'");

    [Fact]
    public void Kazakh_and_Russian_texts_are_not_English()
    {
        // A copy-pasted English text in another language slot is a missing translation.
        foreach (var (key, texts) in Messages.Catalog.Where(k => !k.Key.StartsWith("absence.", StringComparison.Ordinal)))
        {
            Assert.False(texts["kk"] == texts["en"] && texts["kk"].Any(char.IsAsciiLetter), $"'{key}' kk is the English text");
            Assert.False(texts["ru"] == texts["en"] && texts["ru"].Any(char.IsAsciiLetter), $"'{key}' ru is the English text");
        }
    }

    [Fact]
    public void Arguments_are_formatted_into_the_text() =>
        Assert.Equal("The score must be between 1 and 10.", Messages.Get("journal.error.ScoreOutOfRange", "en", "1", "10"));

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
