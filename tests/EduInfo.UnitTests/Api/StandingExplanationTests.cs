using EduInfo.Domain.Assessment;
using EduInfo.Api.Contracts;
using EduInfo.Grains.Interfaces.Assessment;

namespace EduInfo.UnitTests.Api;

/// <summary>A standing's explanation says how the mark was computed, or what it waits for — never "Term % = ;".</summary>
public sealed class StandingExplanationTests
{
    private static TermStanding Standing(string outcome, IReadOnlyDictionary<string, decimal> weights, params string[] pending) =>
        new("MAT", 2, outcome, false, null, null, null, null, null, null, null, null, weights, pending);

    public static TheoryData<string, TermStanding, string> Cases => new()
    {
        { "en", Standing("pending", new Dictionary<string, decimal>(), "section", "term"), "The term mark is not computed yet: waiting for the section summatives, term summative." },
        { "ru", Standing("pending", new Dictionary<string, decimal>(), "term"), "Отметка за четверть ещё не вычислена: ожидается СОЧ." },
        { "kk", Standing("pending", new Dictionary<string, decimal>(), "term"), "Тоқсандық баға әлі есептелмеді: ТЖБ күтілуде." },
        { "en", Standing("notYetAssessed", new Dictionary<string, decimal>()), "No marks in this term yet: the term % is computed from the first mark on." },
        { "ru", Standing("notYetAssessed", new Dictionary<string, decimal>()), "В этой четверти отметок ещё нет: % за четверть вычисляется с первой отметки." },
        {
            "en", Standing("marked", new Dictionary<string, decimal> { ["formative"] = 33.33m, ["term"] = 66.67m }),
            "Term % = 33.33% formative + 66.67% term summative; rounded once, half up, then banded by the policy (0–39 → 2, 40–64 → 3, 65–84 → 4, 85–100 → 5)."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explains_the_mark_or_what_it_waits_for(string language, TermStanding standing, string expected)
    {
        var explanation = StandingResponse.Of(standing, language).Explanation;
        Assert.Equal(expected, explanation);
        Assert.DoesNotContain("= ;", explanation);
    }
}
