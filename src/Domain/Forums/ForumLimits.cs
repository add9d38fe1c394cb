namespace EduInfo.Domain.Forums;

/// <summary>The forums' limits, data of configuration (section <c>Forums</c>): the rate of posting and the term of an answer.</summary>
public sealed class ForumLimits
{
    /// <summary>How many posts (questions and replies) an author may write across all forums in <see cref="RateWindow"/>.</summary>
    public int PostsPerWindow { get; set; } = 5;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After how many working days without an official answer a question is shown to the area's officers.</summary>
    public int UnansweredAfterWorkingDays { get; set; } = 3;
}
