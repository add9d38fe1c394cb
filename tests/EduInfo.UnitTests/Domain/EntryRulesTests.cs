using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class EntryRulesTests
{
    public static TheoryData<string, string?, bool, bool> Reasons => new()
    {
        // name, reason, given, storable
        { "a reason", "Parents' request", true, true },
        { "Cyrillic and Kazakh letters", "Ата-анасының өтініші бойынша", true, true },
        { "500 characters", new string('я', 500), true, true },
        { "501 characters", new string('я', 501), true, false },
        { "a line break", "first\nsecond", true, false },
        { "a carriage return", "first\rsecond", true, false },
        { "an escape", "red \u001b[31m", true, false },
        { "a NUL", "a\0b", true, false },
        { "none", null, false, false },
        { "empty", "", false, false },
        { "blank", " \t ", false, false },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void A_reason_is_given_and_storable_or_not(string name, string? reason, bool given, bool storable)
    {
        Assert.True(given == EntryRules.HasReason(reason), $"{name}: given");
        Assert.True(storable == (EntryRules.HasReason(reason) && EntryRules.IsValidReason(reason!)), $"{name}: storable");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(-1, false)]
    public void A_period_is_one_of_the_days_twelve_lessons(int period, bool valid) => Assert.Equal(valid, EntryRules.IsValidPeriod(period));
}
