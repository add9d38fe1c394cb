namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// The cluster fault tests' settings: faster probes than production (docs/operations-faults.md) so a departed or killed
/// silo is seen within seconds and the tests fit their CI budget.
/// </summary>
internal static class FaultTuning
{
    public static IReadOnlyDictionary<string, string> FastMembership { get; } = new Dictionary<string, string>
    {
        ["Cluster__Membership__ProbeTimeout"] = "00:00:02",
        ["Cluster__Membership__NumMissedProbesLimit"] = "3",
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:05",
        ["Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Cluster__GatewayListRefreshPeriod"] = "00:00:05",
    };

    /// <summary>The same, with reconciliation every 5 s, for tests that wait for every summary to equal the recount.</summary>
    public static IReadOnlyDictionary<string, string> FastMembershipAndReconciliation { get; } =
        new Dictionary<string, string>(FastMembership) { ["Rollup__ReconcileInterval"] = "00:00:05" };
}
