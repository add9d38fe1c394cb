using EduInfo.Domain.Metrics;

namespace EduInfo.UnitTests.Rules;

/// <summary>
/// The progress report's group of one school student from their results over subjects (a mark, or н/а as null): one
/// group each, so the groups add up to the students assessed and failing + н/а = assessed − succeeding.
/// </summary>
public sealed class ProgressGroupTests
{
    public static TheoryData<int?[], ProgressGroup?> Cases => new()
    {
        { [], null },
        { [5], ProgressGroup.Excellent },
        { [5, 5, 5, 5], ProgressGroup.Excellent },
        { [4], ProgressGroup.Good },
        { [5, 4, 5], ProgressGroup.Good },
        { [4, 4, 4], ProgressGroup.Good },
        { [3], ProgressGroup.OneThree },
        { [5, 3, 4], ProgressGroup.OneThree },
        { [3, 5, 5, 5, 5, 5], ProgressGroup.OneThree },
        { [3, 3], ProgressGroup.Threes },
        { [3, 4, 3, 5], ProgressGroup.Threes },
        { [2], ProgressGroup.Failing },
        { [5, 5, 2], ProgressGroup.Failing },
        { [2, 2, 3], ProgressGroup.Failing },
        // A 2 is a result, н/а the lack of one: a student with both is failing, so the two groups never overlap.
        { [2, null], ProgressGroup.Failing },
        { [null, 5, 2], ProgressGroup.Failing },
        { [null], ProgressGroup.NotAttested },
        { [5, 5, null], ProgressGroup.NotAttested },
        { [3, 3, null], ProgressGroup.NotAttested },
        { [null, null], ProgressGroup.NotAttested },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_student_s_results_put_them_in_one_group(int?[] marks, ProgressGroup? expected) =>
        Assert.Equal(expected, ProgressGroups.Of(marks));

    [Theory]
    [InlineData(ProgressGroup.Excellent, 1, 0, 0, 0)]
    [InlineData(ProgressGroup.Good, 0, 0, 0, 0)]
    [InlineData(ProgressGroup.OneThree, 0, 1, 0, 0)]
    [InlineData(ProgressGroup.Threes, 0, 0, 0, 0)]
    [InlineData(ProgressGroup.Failing, 0, 0, 1, 0)]
    [InlineData(ProgressGroup.NotAttested, 0, 0, 0, 1)]
    [InlineData(null, 0, 0, 0, 0)]
    public void A_group_counts_in_its_own_figure_only_and_good_and_threes_are_derived(ProgressGroup? group, long excellent, long oneThree, long failing, long notAttested) =>
        Assert.Equal(new SummaryFigures { StudentsExcellent = excellent, StudentsWithOneThree = oneThree, StudentsFailing = failing, StudentsNotAttested = notAttested },
            group.Figures());

    /// <summary>Every combination of up to four results: the groups partition the students, and match success and quality.</summary>
    [Fact]
    public void Over_every_combination_the_groups_agree_with_success_and_quality()
    {
        int?[] values = [null, 2, 3, 4, 5];
        var all = Enumerable.Range(1, 4).SelectMany(n => Combinations(values, n)).ToList();
        Assert.Equal(5 + 25 + 125 + 625, all.Count);
        foreach (var marks in all)
        {
            var group = ProgressGroups.Of(marks)!.Value;
            var succeeds = marks.All(m => m >= 3);
            var qualifies = marks.All(m => m >= 4);
            Assert.Equal(succeeds, group is ProgressGroup.Excellent or ProgressGroup.Good or ProgressGroup.OneThree or ProgressGroup.Threes);
            Assert.Equal(qualifies, group is ProgressGroup.Excellent or ProgressGroup.Good);
        }
    }

    private static IEnumerable<int?[]> Combinations(int?[] values, int length) =>
        length == 0 ? [[]] : Combinations(values, length - 1).SelectMany(rest => values.Select(v => (int?[])[v, .. rest]));
}
