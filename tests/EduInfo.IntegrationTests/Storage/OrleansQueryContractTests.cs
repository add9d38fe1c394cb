using System.Data;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage;
using Npgsql;

namespace EduInfo.IntegrationTests.Storage;

/// <summary>
/// Checks our own OrleansQuery migrations (0001-0004) against the contract of the Orleans 10.4.2 ADO.NET
/// providers: which keys exist, which parameters each query takes and which columns it returns.
/// Every query is run the way the providers run it: parameters named without '@', typed by DbType as the
/// providers' DbExtensions type map does (DateTime => DbType.DateTime, sent with Kind=Utc), and result
/// columns read by the names the providers ask for.
/// </summary>
public sealed partial class OrleansQueryContractTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Every key the 10.4.2 providers read from OrleansQuery.
    private static readonly string[] StorageKeys =
    [
        // AdoNetGrainStorage; DeleteStorageKey is only needed with DeleteStateOnClear = true.
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        // Optional in 10.4.2: when present the provider cleans up row by row with it instead of the bulk key.
        "CleanupDefunctSiloEntryKey",
    ];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private const int Active = 3;
    private const int Joining = 1;
    private const int Dead = 6;

    [Fact]
    public async Task OrleansQuery_holds_exactly_the_keys_the_providers_use()
    {
        var keys = (await ReadQueryCatalogueAsync()).Keys.Order(StringComparer.Ordinal).ToArray();
        var expected = StorageKeys.Concat(ClusteringKeys).Concat(ReminderKeys).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task Every_query_uses_only_parameters_the_provider_binds()
    {
        // The names each provider binds for a key (a query may use fewer, never others: Npgsql would send
        // an unknown @name to the server as-is and the query would fail at run time).
        var grainKey = new[] { "GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId" };
        var silo = new[] { "DeploymentId", "Address", "Port", "Generation" };
        var bound = new Dictionary<string, string[]>
        {
            ["WriteToStorageKey"] = [.. grainKey, "GrainStateVersion", "PayloadBinary"],
            ["ReadFromStorageKey"] = grainKey,
            ["ClearStorageKey"] = [.. grainKey, "GrainStateVersion"],
            ["DeleteStorageKey"] = [.. grainKey, "GrainStateVersion"],
            ["InsertMembershipVersionKey"] = ["DeploymentId"],
            ["InsertMembershipKey"] = [.. silo, "IAmAliveTime", "SiloName", "HostName", "StartTime", "Status", "ProxyPort", "Version"],
            ["UpdateMembershipKey"] = [.. silo, "IAmAliveTime", "Status", "SuspectTimes", "Version"],
            ["UpdateIAmAlivetimeKey"] = [.. silo, "IAmAliveTime"],
            ["MembershipReadRowKey"] = silo,
            ["MembershipReadAllKey"] = ["DeploymentId"],
            ["GatewaysQueryKey"] = ["DeploymentId", "Status"],
            ["DeleteMembershipTableEntriesKey"] = ["DeploymentId"],
            ["CleanupDefunctSiloEntriesKey"] = ["DeploymentId", "IAmAliveTime"],
            ["CleanupDefunctSiloEntryKey"] = [.. silo, "SuspectTimes", "StartTime", "IAmAliveTime"],
            ["UpsertReminderRowKey"] = ["ServiceId", "GrainHash", "GrainId", "ReminderName", "StartTime", "Period"],
            ["ReadReminderRowsKey"] = ["ServiceId", "GrainId"],
            ["ReadReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName"],
            ["ReadRangeRows1Key"] = ["ServiceId", "BeginHash", "EndHash"],
            ["ReadRangeRows2Key"] = ["ServiceId", "BeginHash", "EndHash"],
            ["DeleteReminderRowKey"] = ["ServiceId", "GrainId", "ReminderName", "Version"],
            ["DeleteReminderRowsKey"] = ["ServiceId"],
        };

        foreach (var (key, text) in await ReadQueryCatalogueAsync())
        {
            var used = System.Text.RegularExpressions.Regex.Matches(text, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct();
            var unknown = used.Except(bound[key], StringComparer.Ordinal).ToArray();
            Assert.True(unknown.Length == 0, $"{key} uses parameters the provider never binds: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public async Task Grain_storage_write_read_conflict_clear_and_delete()
    {
        var serviceId = "svc-" + Guid.NewGuid().ToString("N");
        var grain = new GrainKey(serviceId, GrainIdHash: 123_456, N0: 42, N1: -7, TypeHash: -98_765, Type: "EduInfo.Test.ProbeGrain", Extension: null);
        // Same hashes and ids, only the key extension differs: must be a separate grain.
        var sibling = grain with { Extension = "ext" };

        // First write: no ETag yet, so version null => 1.
        Assert.Equal(1, await WriteAsync(grain, version: null, [1, 2, 3]));
        var read = Assert.Single(await RunAsync("ReadFromStorageKey", grain.Parameters()));
        Assert.Equal(new byte[] { 1, 2, 3 }, read.Get<byte[]>("PayloadBinary"));
        Assert.Equal(1, read.Get<int>("Version"));

        // A second "first write" of the same grain is a conflict: no new version comes back.
        Assert.Null(await WriteAsync(grain, version: null, [9]));

        // Update with the current ETag => 2; with the stale ETag 1 the stored state is untouched and the
        // caller gets its own version back, which the provider turns into InconsistentStateException.
        Assert.Equal(2, await WriteAsync(grain, version: 1, [4, 5]));
        Assert.Equal(1, await WriteAsync(grain, version: 1, [6]));
        read = Assert.Single(await RunAsync("ReadFromStorageKey", grain.Parameters()));
        Assert.Equal(new byte[] { 4, 5 }, read.Get<byte[]>("PayloadBinary"));
        Assert.Equal(2, read.Get<int>("Version"));

        // NULL extension and a non-NULL extension are different grains.
        Assert.Empty(await RunAsync("ReadFromStorageKey", sibling.Parameters()));
        Assert.Equal(1, await WriteAsync(sibling, version: null, [7]));
        Assert.Equal(new byte[] { 7 }, Assert.Single(await RunAsync("ReadFromStorageKey", sibling.Parameters())).Get<byte[]>("PayloadBinary"));
        Assert.Equal(new byte[] { 4, 5 }, Assert.Single(await RunAsync("ReadFromStorageKey", grain.Parameters())).Get<byte[]>("PayloadBinary"));

        // Clear: a stale ETag returns nothing; the current one empties the payload and bumps the version.
        Assert.Empty(await RunAsync("ClearStorageKey", [.. grain.Parameters(), Int("GrainStateVersion", 1)]));
        var cleared = Assert.Single(await RunAsync("ClearStorageKey", [.. grain.Parameters(), Int("GrainStateVersion", 2)]));
        Assert.Equal(3, cleared.Get<int>("NewGrainStateVersion"));
        read = Assert.Single(await RunAsync("ReadFromStorageKey", grain.Parameters()));
        Assert.Null(read.Get<byte[]?>("PayloadBinary"));
        Assert.Equal(3, read.Get<int>("Version"));

        // A write after a clear continues the version sequence.
        Assert.Equal(4, await WriteAsync(grain, version: 3, [8]));

        // Delete (DeleteStateOnClear): stale ETag returns nothing, the current one removes the row and
        // returns a value different from the ETag sent.
        Assert.Empty(await RunAsync("DeleteStorageKey", [.. grain.Parameters(), Int("GrainStateVersion", 3)]));
        var deleted = Assert.Single(await RunAsync("DeleteStorageKey", [.. grain.Parameters(), Int("GrainStateVersion", 4)]));
        Assert.NotEqual(4, deleted.Get<int>("NewGrainStateVersion"));
        Assert.Empty(await RunAsync("ReadFromStorageKey", grain.Parameters()));
        Assert.Single(await RunAsync("ReadFromStorageKey", sibling.Parameters()));

        // After a delete the grain starts again from version 1.
        Assert.Equal(1, await WriteAsync(grain, version: null, [10]));
    }

    /// <summary>
    /// Stages the race for certain: returns once the second caller's statement waits on the first's uncommitted row
    /// (a fixed sleep would silently stop testing the race on a slow machine).
    /// </summary>
    private async Task WaitingOnALockAsync(Task second)
    {
        await Eventually.MatchesAsync(
            () => db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || second.IsCompleted, TimeSpan.FromSeconds(30), "the second caller waiting on the first's lock");
        Assert.False(second.IsCompleted, "the second caller did not wait for the first: the race was not staged");
    }

    [Fact]
    public async Task A_first_write_racing_an_uncommitted_first_write_loses()
    {
        var grain = new GrainKey("svc-" + Guid.NewGuid().ToString("N"), 5, 1, 2, 6, "EduInfo.Test.RaceGrain", null);
        await using var first = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await first.BeginTransactionAsync();
        var won = Assert.Single(await RunOnAsync(first, transaction, "WriteToStorageKey",
            [.. grain.Parameters(), Int("GrainStateVersion", null), Bytes("PayloadBinary", [1])]));
        Assert.Equal(1, won.Get<int?>("NewGrainStateVersion"));

        // The second writer cannot see the uncommitted row; it must wait for the first and then give up,
        // not insert a duplicate.
        var second = WriteAsync(grain, version: null, [2]);
        await WaitingOnALockAsync(second);
        await transaction.CommitAsync();
        Assert.Null(await second);
        Assert.Equal(new byte[] { 1 }, Assert.Single(await RunAsync("ReadFromStorageKey", grain.Parameters())).Get<byte[]>("PayloadBinary"));
    }

    [Fact]
    public async Task A_membership_insert_racing_an_uncommitted_insert_with_the_same_version_loses()
    {
        var cluster = "cluster-" + Guid.NewGuid().ToString("N");
        Assert.True(await SingleBoolAsync("InsertMembershipVersionKey", Str("DeploymentId", cluster)));
        var start = Utc(2025, 1, 1, 8, 0, 0);
        await using var first = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await first.BeginTransactionAsync();
        var won = Assert.Single(await RunOnAsync(first, transaction, "InsertMembershipKey", InsertSiloParameters(
            new Silo(cluster, "10.0.1.1", 11111, 1), Joining, 0, start, version: "0")));
        Assert.True(Convert.ToBoolean(won.Get<object>(Assert.Single(won.Columns))));

        // Both callers read version 0; the second waits for the first and must then fail without writing.
        var second = InsertSiloAsync(new Silo(cluster, "10.0.1.2", 11111, 2), Joining, 0, start, version: "0");
        await WaitingOnALockAsync(second);
        await transaction.CommitAsync();
        Assert.False(await second);
        var all = await RunAsync("MembershipReadAllKey", Str("DeploymentId", cluster));
        Assert.Equal("10.0.1.1", Assert.Single(all).Get<string>("Address"));
        Assert.Equal(1, all[0].Get<int>("Version"));
    }

    [Fact]
    public async Task Membership_version_insert_read_update_heartbeat_gateways_cleanup_and_delete()
    {
        var cluster = "cluster-" + Guid.NewGuid().ToString("N");
        var start = Utc(2025, 1, 1, 8, 0, 0).AddTicks(1234_560); // sub-millisecond part must survive
        var siloA = new Silo(cluster, "10.0.0.1", 11111, 1);
        var siloB = new Silo(cluster, "10.0.0.2", 11111, 2);
        var siloC = new Silo(cluster, "10.0.0.3", 11111, 3);

        // Version row: created once.
        Assert.True(await SingleBoolAsync("InsertMembershipVersionKey", Str("DeploymentId", cluster)));
        Assert.False(await SingleBoolAsync("InsertMembershipVersionKey", Str("DeploymentId", cluster)));

        // An empty cluster still returns its version (one row, no silo: StartTime is NULL).
        var empty = Assert.Single(await RunAsync("MembershipReadAllKey", Str("DeploymentId", cluster)));
        Assert.Equal(0, empty.Get<int>("Version"));
        Assert.Null(empty.Get<DateTime?>("StartTime"));
        Assert.Equal(cluster, empty.Get<string>("DeploymentId"));

        // Insert A with the current version 0 => version 1.
        Assert.True(await InsertSiloAsync(siloA, Active, proxyPort: 30001, start, version: "0"));
        // The same silo again (even with the right version) is refused and the version stays.
        Assert.False(await InsertSiloAsync(siloA, Active, proxyPort: 30001, start, version: "1"));
        // B with a stale version is refused; with the current one accepted => version 2.
        Assert.False(await InsertSiloAsync(siloB, Joining, proxyPort: 30002, start, version: "0"));
        Assert.True(await InsertSiloAsync(siloB, Joining, proxyPort: 30002, start, version: "1"));
        // C is active but takes no clients (ProxyPort 0) => version 3.
        Assert.True(await InsertSiloAsync(siloC, Active, proxyPort: 0, start, version: "2"));

        // Read one row: every column the provider reads, by its name.
        var rowA = Assert.Single(await RunAsync("MembershipReadRowKey", siloA.Parameters()));
        Assert.Equal(cluster, rowA.Get<string>("DeploymentId"));
        Assert.Equal("10.0.0.1", rowA.Get<string>("Address"));
        Assert.Equal(11111, rowA.Get<int>("Port"));
        Assert.Equal(1, rowA.Get<int>("Generation"));
        Assert.Equal("silo-10.0.0.1", rowA.Get<string>("SiloName"));
        Assert.Equal("host-10.0.0.1", rowA.Get<string>("HostName"));
        Assert.Equal(Active, rowA.Get<int>("Status"));
        Assert.Equal(30001, rowA.Get<int>("ProxyPort"));
        Assert.Null(rowA.Get<string?>("SuspectTimes"));
        Assert.Equal(3, rowA.Get<int>("Version"));
        // timestamptz round trip: same instant (to the microsecond) and Kind=Utc, as the provider expects.
        var startRead = rowA.Get<DateTime>("StartTime");
        Assert.Equal(DateTimeKind.Utc, startRead.Kind);
        Assert.Equal(start, startRead);
        Assert.Equal(start.AddSeconds(1), rowA.Get<DateTime>("IAmAliveTime"));

        // Reading an unknown silo still returns the version row.
        var none = Assert.Single(await RunAsync("MembershipReadRowKey", (siloA with { Generation = 99 }).Parameters()));
        Assert.Null(none.Get<DateTime?>("StartTime"));
        Assert.Equal(3, none.Get<int>("Version"));

        Assert.Equal(3, (await RunAsync("MembershipReadAllKey", Str("DeploymentId", cluster))).Count);

        // Update B with the current version => version 4; the same (now stale) version fails and changes nothing.
        var votes = "S10.0.0.1:11111:1,2025-01-01 08:00:05.000 GMT";
        Assert.True(await UpdateSiloAsync(siloB, Active, votes, start.AddSeconds(10), version: "3"));
        Assert.False(await UpdateSiloAsync(siloB, Dead, null, start.AddSeconds(20), version: "3"));
        var rowB = Assert.Single(await RunAsync("MembershipReadRowKey", siloB.Parameters()));
        Assert.Equal(Active, rowB.Get<int>("Status"));
        Assert.Equal(votes, rowB.Get<string>("SuspectTimes"));
        Assert.Equal(start.AddSeconds(10), rowB.Get<DateTime>("IAmAliveTime"));
        Assert.Equal(4, rowB.Get<int>("Version"));
        // Updating a silo that does not exist fails and does not bump the version either.
        Assert.False(await UpdateSiloAsync(siloA with { Generation = 99 }, Active, null, start, version: "4"));
        Assert.Equal(4, Assert.Single(await RunAsync("MembershipReadRowKey", siloB.Parameters())).Get<int>("Version"));

        // I-am-alive: moves the time forward without touching the version, never backwards.
        await RunAsync("UpdateIAmAlivetimeKey", [.. siloA.Parameters(), Time("IAmAliveTime", start.AddMinutes(5))]);
        await RunAsync("UpdateIAmAlivetimeKey", [.. siloA.Parameters(), Time("IAmAliveTime", start.AddMinutes(1))]);
        rowA = Assert.Single(await RunAsync("MembershipReadRowKey", siloA.Parameters()));
        Assert.Equal(start.AddMinutes(5), rowA.Get<DateTime>("IAmAliveTime"));
        Assert.Equal(4, rowA.Get<int>("Version"));

        // Gateways: active silos with a proxy port only (the provider passes Status = Active).
        var gateways = await RunAsync("GatewaysQueryKey", Str("DeploymentId", cluster), Int("Status", Active));
        Assert.Equal(["10.0.0.1:30001/1", "10.0.0.2:30002/2"],
            gateways.Select(g => $"{g.Get<string>("Address")}:{g.Get<int>("ProxyPort")}/{g.Get<int>("Generation")}").Order().ToArray());

        // Bulk clean-up: only Dead silos older than the cut-off go; Active A (also old) stays.
        Assert.True(await UpdateSiloAsync(siloB, Dead, null, start.AddSeconds(30), version: "4"));
        await RunAsync("CleanupDefunctSiloEntriesKey", Str("DeploymentId", cluster), Time("IAmAliveTime", start.AddSeconds(20)));
        Assert.Single(await RunAsync("MembershipReadRowKey", siloB.Parameters()), r => r.Get<DateTime?>("StartTime") is not null);
        await RunAsync("CleanupDefunctSiloEntriesKey", Str("DeploymentId", cluster), Time("IAmAliveTime", start.AddHours(1)));
        Assert.Null(Assert.Single(await RunAsync("MembershipReadRowKey", siloB.Parameters())).Get<DateTime?>("StartTime"));
        Assert.Equal(2, (await RunAsync("MembershipReadAllKey", Str("DeploymentId", cluster))).Count);

        // Per-row clean-up: deletes a Dead row only while it still holds the values the provider read.
        Assert.True(await UpdateSiloAsync(siloC, Dead, votes, start.AddSeconds(40), version: "5"));
        var rowC = Assert.Single(await RunAsync("MembershipReadRowKey", siloC.Parameters()));
        P[] Captured(DateTime iAmAlive, string? suspects) =>
        [
            .. siloC.Parameters(), Str("SuspectTimes", suspects),
            Time("StartTime", rowC.Get<DateTime>("StartTime")), Time("IAmAliveTime", iAmAlive),
        ];
        await RunAsync("CleanupDefunctSiloEntryKey", Captured(rowC.Get<DateTime>("IAmAliveTime").AddTicks(10), votes));
        await RunAsync("CleanupDefunctSiloEntryKey", Captured(rowC.Get<DateTime>("IAmAliveTime"), null));
        Assert.NotNull(Assert.Single(await RunAsync("MembershipReadRowKey", siloC.Parameters())).Get<DateTime?>("StartTime"));
        await RunAsync("CleanupDefunctSiloEntryKey", Captured(rowC.Get<DateTime>("IAmAliveTime"), votes));
        Assert.Null(Assert.Single(await RunAsync("MembershipReadRowKey", siloC.Parameters())).Get<DateTime?>("StartTime"));
        // Clean-up never changes the version.
        Assert.Equal(6, Assert.Single(await RunAsync("MembershipReadRowKey", siloC.Parameters())).Get<int>("Version"));
        // ... and never removes a non-Dead row, even with matching values.
        var a = Assert.Single(await RunAsync("MembershipReadRowKey", siloA.Parameters()));
        await RunAsync("CleanupDefunctSiloEntryKey",
        [
            .. siloA.Parameters(), Str("SuspectTimes", null),
            Time("StartTime", a.Get<DateTime>("StartTime")), Time("IAmAliveTime", a.Get<DateTime>("IAmAliveTime")),
        ]);
        Assert.NotNull(Assert.Single(await RunAsync("MembershipReadRowKey", siloA.Parameters())).Get<DateTime?>("StartTime"));

        // Delete the whole cluster: nothing is left, not even the version row.
        await RunAsync("DeleteMembershipTableEntriesKey", Str("DeploymentId", cluster));
        Assert.Empty(await RunAsync("MembershipReadAllKey", Str("DeploymentId", cluster)));
        Assert.True(await SingleBoolAsync("InsertMembershipVersionKey", Str("DeploymentId", cluster)));
    }

    [Fact]
    public async Task Reminders_upsert_read_ranges_and_delete()
    {
        var serviceId = "svc-" + Guid.NewGuid().ToString("N");
        var start = Utc(2025, 3, 1, 12, 0, 0).AddTicks(10);
        // GrainHash is a uint on the ring, bound as a signed int: 3_000_000_000 arrives as a negative number.
        var a = new Reminder(serviceId, "probe/a", 100);
        var b = new Reminder(serviceId, "probe/b", unchecked((int)3_000_000_000u));
        var c = new Reminder(serviceId, "probe/c", 2_000_000_000);

        Assert.Equal(0, await UpsertReminderAsync(a, "r1", start, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await UpsertReminderAsync(a, "r1", start.AddMinutes(1), TimeSpan.FromMinutes(2)));
        Assert.Equal(0, await UpsertReminderAsync(a, "r2", start, TimeSpan.FromMinutes(5)));
        Assert.Equal(0, await UpsertReminderAsync(b, "r1", start, TimeSpan.FromMinutes(1)));
        // Periods beyond int.MaxValue milliseconds are sent as Int64.
        Assert.Equal(0, await UpsertReminderAsync(c, "r1", start, TimeSpan.FromDays(40)));

        var one = Assert.Single(await RunAsync("ReadReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "r1")));
        Assert.Equal(a.GrainId, one.Get<string>("GrainId"));
        Assert.Equal("r1", one.Get<string>("ReminderName"));
        Assert.Equal(start.AddMinutes(1), one.Get<DateTime>("StartTime"));
        Assert.Equal(DateTimeKind.Utc, one.Get<DateTime>("StartTime").Kind);
        Assert.Equal(120_000L, Convert.ToInt64(one.Get<object>("Period")));
        Assert.Equal(1, one.Get<int>("Version"));
        Assert.Empty(await RunAsync("ReadReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "nope")));

        var forA = await RunAsync("ReadReminderRowsKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId));
        Assert.Equal(["r1", "r2"], forA.Select(r => r.Get<string>("ReminderName")).Order().ToArray());

        var longPeriod = Assert.Single(await RunAsync("ReadReminderRowsKey", Str("ServiceId", serviceId), Ansi("GrainId", c.GrainId)));
        Assert.Equal((long)TimeSpan.FromDays(40).TotalMilliseconds, Convert.ToInt64(longPeriod.Get<object>("Period")));

        // Range 1, (begin, end] without wrapping: only a's hash 100 lies in (50, 150].
        var range1 = await RunAsync("ReadRangeRows1Key", Str("ServiceId", serviceId), Int("BeginHash", 50), Int("EndHash", 150));
        Assert.Equal(["probe/a/r1", "probe/a/r2"], range1.Select(Name).Order().ToArray());
        // The lower bound is exclusive, the upper inclusive.
        Assert.Empty(await RunAsync("ReadRangeRows1Key", Str("ServiceId", serviceId), Int("BeginHash", 100), Int("EndHash", 150)));
        Assert.Equal(2, (await RunAsync("ReadRangeRows1Key", Str("ServiceId", serviceId), Int("BeginHash", 99), Int("EndHash", 100))).Count);

        // Range 2 wraps (begin >= end as signed ints): above 1_000_000 or at/below -1.
        var range2 = await RunAsync("ReadRangeRows2Key", Str("ServiceId", serviceId), Int("BeginHash", 1_000_000), Int("EndHash", -1));
        Assert.Equal(["probe/b/r1", "probe/c/r1"], range2.Select(Name).Order().ToArray());

        // Other services never leak in.
        Assert.Empty(await RunAsync("ReadRangeRows2Key", Str("ServiceId", serviceId + "x"), Int("BeginHash", 0), Int("EndHash", 0)));

        // Delete one with its ETag: the wrong one fails, the right one succeeds once.
        Assert.False(await SingleBoolAsync("DeleteReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "r1"), Int("Version", 0)));
        Assert.True(await SingleBoolAsync("DeleteReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "r1"), Int("Version", 1)));
        Assert.False(await SingleBoolAsync("DeleteReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "r1"), Int("Version", 1)));
        Assert.Empty(await RunAsync("ReadReminderRowKey", Str("ServiceId", serviceId), Ansi("GrainId", a.GrainId), Str("ReminderName", "r1")));

        // Delete all rows of the service, and only of that service.
        var other = new Reminder("svc-" + Guid.NewGuid().ToString("N"), "probe/a", 100);
        Assert.Equal(0, await UpsertReminderAsync(other, "r1", start, TimeSpan.FromMinutes(1)));
        await RunAsync("DeleteReminderRowsKey", Str("ServiceId", serviceId));
        Assert.Empty(await RunAsync("ReadRangeRows2Key", Str("ServiceId", serviceId), Int("BeginHash", 0), Int("EndHash", 0)));
        Assert.Single(await RunAsync("ReadReminderRowsKey", Str("ServiceId", other.ServiceId), Ansi("GrainId", other.GrainId)));

        static string Name(Row r) => $"{r.Get<string>("GrainId")}/{r.Get<string>("ReminderName")}";
    }

    [Fact]
    public async Task Migrations_applied_twice_change_nothing()
    {
        var before = await ReadQueryCatalogueAsync();

        // Through the migrator: everything is recorded as applied, so nothing runs.
        Assert.Empty(await new SchemaMigrator(db.DataSource).MigrateAsync());

        // Every script once more by hand, each in its own transaction as the migrator does it:
        // they must be idempotent on their own (a lost schema_migrations row must be harmless).
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            foreach (var migration in SchemaMigrator.All)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync();
                }
                await transaction.CommitAsync();
            }
        }

        var after = await ReadQueryCatalogueAsync();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in before)
        {
            Assert.Equal(text, after[key]);
        }

        // Still fully working afterwards.
        var grain = new GrainKey("svc-" + Guid.NewGuid().ToString("N"), 1, 2, 3, 4, "EduInfo.Test.AfterRerun", "x");
        Assert.Equal(1, await WriteAsync(grain, null, [1]));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>A parameter as the provider binds it: name without '@', DbType from its type map.</summary>
}
