namespace EduInfo.Domain.YearEnd;

/// <summary>What the pedagogical council decides for a pupil at the year's end.</summary>
public enum CouncilDecision
{
    /// <summary>Moves to the next grade.</summary>
    Promoted = 0,
    /// <summary>Moves to the next grade with a re-examination in the subjects failed.</summary>
    PromotedConditionally = 1,
    /// <summary>Stays in the same grade next year.</summary>
    RepeatsYear = 2,
    /// <summary>Leaves the school (the council records it; never proposed from marks).</summary>
    LeftSchool = 3,
    /// <summary>Finished school: the final grade passed.</summary>
    Graduated = 4,
}
