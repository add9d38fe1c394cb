using EduInfo.Domain.Assessment;

namespace EduInfo.UnitTests.Assessment;

/// <summary>Term results compare by value, weights by content: a ledger shares an instance only between equal results.</summary>
public sealed class TermResultComparerTests
{
    private static TermResult Marked(int percent, int mark, params (ComponentKind Kind, int Weight)[] weights) =>
        new(TermOutcome.Marked, new Fraction(percent, 1), percent, mark, weights.ToDictionary(w => w.Kind, w => Fraction.Of(w.Weight)));

    private static readonly TermResult Base = Marked(87, 5, (ComponentKind.Formative, 25), (ComponentKind.Section, 25), (ComponentKind.Term, 50));

    public static TheoryData<string, TermResult, bool> Cases => new()
    {
        { "the same values, another dictionary", Marked(87, 5, (ComponentKind.Formative, 25), (ComponentKind.Section, 25), (ComponentKind.Term, 50)), true },
        { "the weights in another order", Marked(87, 5, (ComponentKind.Term, 50), (ComponentKind.Section, 25), (ComponentKind.Formative, 25)), true },
        { "another mark", Marked(87, 4, (ComponentKind.Formative, 25), (ComponentKind.Section, 25), (ComponentKind.Term, 50)), false },
        { "another percent", Marked(86, 5, (ComponentKind.Formative, 25), (ComponentKind.Section, 25), (ComponentKind.Term, 50)), false },
        { "another weight", Marked(87, 5, (ComponentKind.Formative, 50), (ComponentKind.Section, 0), (ComponentKind.Term, 50)), false },
        { "a weight fewer", Marked(87, 5, (ComponentKind.Formative, 25), (ComponentKind.Term, 50)), false },
        { "another outcome", Base with { Outcome = TermOutcome.NotAttested }, false },
        { "no exact percent", Base with { ExactPercent = null }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Results_equal_in_value_are_one(string because, TermResult other, bool equal)
    {
        Assert.True(equal == TermResultComparer.Instance.Equals(Base, other), because);
        if (equal)
        {
            Assert.Equal(TermResultComparer.Instance.GetHashCode(Base), TermResultComparer.Instance.GetHashCode(other));
        }
    }
}
