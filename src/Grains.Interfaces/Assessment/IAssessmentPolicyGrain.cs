using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>The assessment policy versions of one kind of organization (key: school, college, ...).</summary>
public interface IAssessmentPolicyGrain : IGrainWithStringKey
{
    /// <summary>Every version, oldest first.</summary>
    Task<IReadOnlyList<AssessmentPolicyDocument>> GetVersions();

    /// <summary>A digest of the versions' content: equal for equal versions on every silo (a class's rules check).</summary>
    Task<string> GetDigest();

    /// <summary>
    /// Adds or replaces a version that takes effect after today: versions already in force are never rewritten,
    /// so a past term keeps the policy it was assessed under. Audited.
    /// </summary>
    Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, AssessmentPolicyDocument policy);
}
