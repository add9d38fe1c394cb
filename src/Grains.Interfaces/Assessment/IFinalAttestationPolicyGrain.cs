using EduInfo.Domain.Journal;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>The final attestation's policy versions (one grain, key "school"): the classes read them, operators add versions. Audited.</summary>
public interface IFinalAttestationPolicyGrain : IGrainWithStringKey
{
    public const string Key = "school";

    Task<IReadOnlyList<FinalAttestationPolicyDocument>> GetVersions();

    /// <summary>A digest of the versions' content: equal for equal versions on every silo (a class's rules check).</summary>
    Task<string> GetDigest();

    Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, FinalAttestationPolicyDocument policy);
}
