using EduInfo.Domain.Journal;
using EduInfo.Tools.Import;

namespace EduInfo.UnitTests.Domain;

public sealed class EntryRulesTests
{
    public static TheoryData<string, string?, JournalError?> Reasons => new()
    {
        { "a reason", "typo", null },
        { "500 characters", new string('r', 500), null },
        { "Cyrillic and Kazakh letters", "қате баға, ошибка", null },
        { "none", null, JournalError.ReasonRequired },
        { "empty", "", JournalError.ReasonRequired },
        { "blank", " \t ", JournalError.ReasonRequired },
        { "501 characters", new string('r', 501), JournalError.ReasonTooLong },
        { "a line break", "a\nb", JournalError.ReasonTooLong },
        { "a NUL", "a\0", JournalError.ReasonTooLong },
        { "DEL", "a\u007f", JournalError.ReasonTooLong },
        { "a C1 control", "a\u0085", JournalError.ReasonTooLong },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Checks_a_reason(string why, string? reason, JournalError? expected)
    {
        Assert.True(expected == EntryRules.ReasonError(reason), why);
        Assert.Equal(expected is null, EntryRules.IsValidReason(reason));
        Assert.Equal(expected, EntryRules.ReasonProblem(reason)?.Error);
        Assert.Equal(expected != JournalError.ReasonRequired, EntryRules.HasReason(reason));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(-1, false)]
    public void Periods_are_1_to_12(int period, bool valid) => Assert.Equal(valid, EntryRules.IsValidPeriod(period));

    [Theory]
    [InlineData(MarkKind.Formative, 20, 20, 1)]
    [InlineData(MarkKind.Development, 20, 3, 1)]
    [InlineData(MarkKind.Section, 20, null, 0)]
    [InlineData(MarkKind.Term, 20, null, 0)]
    public void A_kind_fixes_its_scale_or_not(MarkKind kind, int formativeScale, int? fixedMax, int min)
    {
        Assert.Equal(fixedMax, EntryRules.FixedMaxScore(kind, formativeScale));
        Assert.Equal(min, EntryRules.MinScore(kind));
    }

    [Theory]
    [InlineData(MarkKind.Development, "preschool", true)]
    [InlineData(MarkKind.Formative, "preschool", false)]
    [InlineData(MarkKind.Development, "school", false)]
    [InlineData(MarkKind.Section, "college", true)]
    public void Kindergartens_record_development_levels_only(MarkKind kind, string organizationKind, bool allowed) =>
        Assert.Equal(allowed, EntryRules.IsKindAllowed(kind, organizationKind));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void A_summative_is_out_of_1_to_100(int maxScore, bool valid) =>
        Assert.Equal(valid, EntryRules.IsValidSummativeMax(maxScore, EntryRules.MaxSummativeScore));

    [Fact]
    public void A_scores_problem_names_its_bounds()
    {
        Assert.Null(EntryRules.ScoreProblem(5, 1, 10, "score"));
        Assert.Equal(("score", JournalError.Required), (EntryRules.ScoreProblem(null, 1, 10, "score")!.Field, EntryRules.ScoreProblem(null, 1, 10, "score")!.Error));
        var problem = EntryRules.ScoreProblem(11, 1, 10, "entries[0].score")!;
        Assert.Equal(("entries[0].score", JournalError.ScoreOutOfRange), (problem.Field, problem.Error));
        Assert.Equal(["1", "10"], problem.Arguments);
    }

    [Fact]
    public void The_limits_and_the_import_format_take_their_defaults_from_the_rules()
    {
        var limits = new JournalLimits();
        Assert.Equal((500, 10, 100, 12), (limits.MaxBatchSize, limits.FormativeScale, limits.MaxSummativeScore, limits.MaxPeriod));
        Assert.Equal(EntryRules.MaxPeriod, ImportFormat.MaxPeriod);
        Assert.Equal(500, EntryRules.MaxReasonLength);
    }
}
