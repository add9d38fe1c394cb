namespace EduInfo.Domain.Ratings;

/// <summary>What an open rating (order point 12.5) weighs; each a percentage where more is better.</summary>
public enum RatingIndicator
{
    /// <summary>Pupils whose term marks are all 4 or 5 ÷ pupils assessed.</summary>
    KnowledgeQuality = 0,
    /// <summary>Pupils with no 2 and no н/а ÷ pupils assessed.</summary>
    SuccessRate = 1,
    /// <summary>Lesson-seats attended ÷ held in schools.</summary>
    Attendance = 2,
    /// <summary>Lessons held ÷ lessons the timetable scheduled.</summary>
    Completeness = 3,
    /// <summary>How far the unit reaches the targets set for it from above (never the targets it set itself).</summary>
    TargetAttainment = 4,
}

/// <summary>Why a unit of a rating has no rank.</summary>
public enum RatingStanding
{
    Ranked = 0,
    /// <summary>Fewer pupils than the methodology's minimum: its figures are withheld.</summary>
    TooSmall = 1,
    /// <summary>An indicator the others have is undefined for it (no timetable, no target from above, nothing assessed yet).</summary>
    IndicatorMissing = 2,
}
