namespace EduInfo.Domain.Journal;

/// <summary>Why a pupil is exempt from a subject (issue 20): the grounds a head may record, nothing else.</summary>
public enum ExemptionGround
{
    /// <summary>On medical grounds (physical education, usually).</summary>
    Medical = 0,
    /// <summary>An individual curriculum.</summary>
    IndividualPlan = 1,
    /// <summary>Home schooling where the subject is not taught.</summary>
    HomeSchooling = 2,
}
