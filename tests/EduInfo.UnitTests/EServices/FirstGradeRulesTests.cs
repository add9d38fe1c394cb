using System.Globalization;
using EduInfo.Domain.EServices;

namespace EduInfo.UnitTests.EServices;

public sealed class FirstGradeRulesTests
{
    private static readonly ApplicationWindow Window = ServiceCatalogue.Of(ServiceKind.FirstGradeAdmission).Window!;

    /// <summary>A child's birth date, the filing instant; why it cannot be filed (null: it can).</summary>
    [Theory]
    [InlineData("2021-12-31", "2027-04-01T09:00:00+05:00", null, "turns 6 on the year's last day")]
    [InlineData("2021-01-01", "2027-08-31T23:59:00+05:00", null, "turned 6 on New Year's day; the window's last minute")]
    [InlineData("2020-05-10", "2027-05-01T10:00:00+05:00", null, "turns 7: a deferred year")]
    [InlineData("2022-01-01", "2027-05-01T10:00:00+05:00", FirstGradeIneligibility.TooYoung, "turns 6 next year")]
    [InlineData("2019-12-31", "2027-05-01T10:00:00+05:00", FirstGradeIneligibility.TooOld, "turns 8: a later grade")]
    [InlineData("2021-06-01", "2027-03-31T23:59:00+05:00", FirstGradeIneligibility.OutsideWindow, "a minute before the window opens")]
    [InlineData("2021-06-01", "2027-03-31T19:00:00Z", null, "UTC's 31 March evening is 1 April in Kazakhstan")]
    [InlineData("2021-06-01", "2027-08-31T19:00:00Z", FirstGradeIneligibility.OutsideWindow, "UTC's 31 August evening is September in Kazakhstan")]
    [InlineData("2019-12-31", "2027-09-01T10:00:00+05:00", FirstGradeIneligibility.OutsideWindow, "the window is checked first")]
    public void A_child_who_turns_6_in_the_year_is_filed_in_the_window(string birthDate, string filedAt, FirstGradeIneligibility? why, string because)
    {
        _ = because;
        Assert.Equal(why, FirstGradeRules.Check(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), DateTimeOffset.Parse(filedAt, CultureInfo.InvariantCulture), Window));
    }

    [Theory]
    [InlineData("2027-04-01T09:00:00+05:00", "2027-2028")]
    [InlineData("2026-12-31T20:00:00Z", "2027-2028")]
    public void An_admission_is_to_the_academic_year_that_starts_that_september(string filedAt, string year)
    {
        Assert.Equal(year, FirstGradeRules.AdmittedYear(DateTimeOffset.Parse(filedAt, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_assigned_territory_comes_first_then_the_order_of_receipt()
    {
        var order = FirstGradeRules.Order(
        [
            new("a", FromAssignedTerritory: false, ReceiptSeq: 1),
            new("b", FromAssignedTerritory: true, ReceiptSeq: 4),
            new("c", FromAssignedTerritory: false, ReceiptSeq: 2),
            new("d", FromAssignedTerritory: true, ReceiptSeq: 3),
        ]);

        Assert.Equal(["d", "b", "a", "c"], order.Select(c => c.ApplicationId));
    }
}
