using EduInfo.Domain.Calendar;
using EduInfo.Grains.Classes;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.IntegrationTests.Infrastructure;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// The classes of one kind and year share one rule set per silo (issue 26.5), and it is never older than the rules'
/// grains: a new calendar or a policy read again gives a new set at the next fetch.
/// </summary>
public sealed class ClassRulesMemoTests : IAsyncLifetime
{
    private static readonly Actor Operator = new("operator", [new ActorGrant(Role.Operator, "KZ")], null, "127.0.0.1");
    private static readonly DateOnly FrostDay = new(2027, 1, 20); // a Wednesday of the third term

    private readonly TestDatabase _db = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await DemoRegistry.CreateAsync(_db);
        _cluster = await EduInfoTestCluster.StartAsync(_db, "class-rules-memo-tests");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Classes_of_a_kind_and_year_share_one_rule_set_until_a_rules_grain_holds_other_documents()
    {
        var memo = new ClassRulesMemo();
        var first = await memo.GetAsync(_cluster.Client, "2026-2027", "school");
        Assert.Same(first, await memo.GetAsync(_cluster.Client, "2026-2027", "school"));
        Assert.Equal(await DigestsAsync("school"), first.Fingerprint); // the set's own digest of what it was built from is its grains'
        Assert.NotEmpty(first.Policies);
        Assert.Equal(DayStatus.SchoolDay, first.Calendar!.Check(FrostDay, 5, 3, ["KZ"]));

        // Another kind has rules of its own.
        var college = await memo.GetAsync(_cluster.Client, "2026-2027", "college");
        Assert.NotEqual(first.Fingerprint, college.Fingerprint);
        Assert.Same(first, await memo.GetAsync(_cluster.Client, "2026-2027", "school"));

        // An operator declares a frost day: the next fetch builds the set again, with it.
        var calendar = _cluster.Client.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf("2026-2027", "school"));
        var current = (await calendar.Get())!;
        var frost = new CalendarDay(FrostDay, "cancelled", null, [], "Frost day");
        Assert.Empty(await calendar.Set(Operator, current with { Days = [.. current.Days ?? [], frost] }));
        var withFrost = await memo.GetAsync(_cluster.Client, "2026-2027", "school");
        Assert.NotEqual(first.Fingerprint, withFrost.Fingerprint);
        Assert.Equal(DayStatus.Cancelled, withFrost.Calendar!.Check(FrostDay, 5, 3, ["KZ"]));
        Assert.Same(withFrost, await memo.GetAsync(_cluster.Client, "2026-2027", "school"));

        // A policy changed in the database and read again by its grain (a new activation): seen at the next fetch.
        await _db.ExecuteAsync("""
            UPDATE assessment_policies SET policy = jsonb_set(policy, '{weights}', '{"formative":40,"section":30,"term":30}')
            WHERE org_kind = 'school' AND effective_from = '2020-09-01'
            """);
        await _cluster.DeactivateAsync(_cluster.Client.GetGrain<IAssessmentPolicyGrain>("school"));
        var reweighted = await memo.GetAsync(_cluster.Client, "2026-2027", "school");
        Assert.NotEqual(withFrost.Fingerprint, reweighted.Fingerprint);
        Assert.Equal(await DigestsAsync("school"), reweighted.Fingerprint);
        Assert.Contains(reweighted.Policies, p => p.Weights.Values.Contains(40));
        Assert.DoesNotContain(withFrost.Policies, p => p.Weights.Values.Contains(40));
    }

    private async Task<string> DigestsAsync(string kind) => string.Join('/',
        await _cluster.Client.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf("2026-2027", kind)).GetDigest(),
        await _cluster.Client.GetGrain<IAssessmentPolicyGrain>(kind).GetDigest(),
        await _cluster.Client.GetGrain<IFinalAttestationPolicyGrain>(IFinalAttestationPolicyGrain.Key).GetDigest());
}
