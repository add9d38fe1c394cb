using System.Collections.Concurrent;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Rules;

namespace EduInfo.Grains.Classes;

/// <summary>
/// The rules a class of one academic year and kind of organization is built on, as its ledger uses them. Immutable and
/// shared by every class grain of the silo built on the same documents.
/// </summary>
/// <param name="Fingerprint">The digests of the documents they were made from: a class whose fingerprint differs rebuilds.</param>
public sealed record ClassRuleSet(
    SchoolCalendar? Calendar,
    IReadOnlyList<AssessmentPolicy> Policies,
    FinalAttestationPolicy FinalAttestation,
    string Fingerprint);

/// <summary>
/// The rules of each academic year and kind of organization, made once per silo rather than once per class: at a
/// restart thousands of classes activate at once, and each copied, digested and validated the same documents
/// (docs/benchmarks.md 26.5). The rules' grains are still asked at each fetch, for their digests only, so a new calendar
/// or policy reaches a class as soon as before. A set's fingerprint is made from the documents it was built from, so it
/// names their content even when they changed between the digests asked and the fetch.
/// </summary>
public sealed class ClassRulesMemo
{
    private readonly ConcurrentDictionary<(string Year, string Kind), Held> _sets = new();

    private sealed record Held(string Fingerprint, Lazy<Task<ClassRuleSet>> Rules);

    public async Task<ClassRuleSet> GetAsync(IGrainFactory grains, string academicYear, string organizationKind)
    {
        var calendar = grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(academicYear, organizationKind));
        var policies = grains.GetGrain<IAssessmentPolicyGrain>(organizationKind);
        var attestation = grains.GetGrain<IFinalAttestationPolicyGrain>(IFinalAttestationPolicyGrain.Key);
        var fingerprint = string.Join('/', await Task.WhenAll(calendar.GetDigest(), policies.GetDigest(), attestation.GetDigest()));
        // Classes activating together share one fetch; a failed fetch is not kept.
        var held = _sets.AddOrUpdate((academicYear, organizationKind),
            _ => New(fingerprint),
            (_, held) => held.Fingerprint == fingerprint && !held.Rules.Value.IsFaulted && !held.Rules.Value.IsCanceled ? held : New(fingerprint));
        return await held.Rules.Value;

        Held New(string fingerprint) => new(fingerprint, new Lazy<Task<ClassRuleSet>>(FetchAsync));

        async Task<ClassRuleSet> FetchAsync()
        {
            var document = await calendar.Get();
            var versions = await policies.GetVersions();
            var attestations = await attestation.GetVersions();
            // Digested as their grains digest them (the same types, equal content): a newer document than the digests
            // asked before is named by its own digest, and the next class asking with the newer digests fetches again.
            return new ClassRuleSet(
                document is null ? null : new SchoolCalendar(document),
                versions.Where(p => PolicyDocuments.Validate(p, DateOnly.MinValue).Count == 0).Select(PolicyDocuments.ToPolicy).ToList(),
                FinalAttestationPolicies.InForce(attestations, academicYear),
                string.Join('/', RulesDigest.Of(document), RulesDigest.Of(versions), RulesDigest.Of(attestations)));
        }
    }
}
