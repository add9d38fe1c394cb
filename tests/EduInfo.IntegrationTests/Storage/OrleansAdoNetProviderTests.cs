using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Storage;

/// <summary>
/// The real Orleans 10.4.2 ADO.NET providers (clustering, grain storage, reminders) running a silo and a
/// client against a database built only by our migrations. Complements <see cref="OrleansQueryContractTests"/>,
/// which checks each query on its own.
/// </summary>
/// <remarks>
/// Uses the legacy <see cref="TestClusterBuilder"/>: <c>InProcessTestClusterBuilder</c> always registers its
/// in-memory membership table after the user's configuration (its UseTestClusterMembership option is internal),
/// so ADO.NET clustering could not take effect there.
/// </remarks>
public sealed class OrleansAdoNetProviderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string ConnectionStringKey = "EduInfoTestPostgres";
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Silo_with_AdoNet_clustering_storage_and_reminders_runs_on_our_schema()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false; // clustering and gateway discovery through PostgreSQL
        builder.Properties[ConnectionStringKey] = db.ConnectionString;
        builder.AddSiloBuilderConfigurator<AdoNetSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AdoNetClientConfigurator>();
        var cluster = builder.Build();
        var clusterId = cluster.Options.ClusterId;
        var serviceId = cluster.Options.ServiceId;

        try
        {
            // The silo joined through InsertMembershipVersionKey/InsertMembershipKey/UpdateMembershipKey, and
            // the client found it through GatewaysQueryKey (the deployment has no other gateway source).
            await cluster.DeployAsync();
            Assert.Equal(1, await db.ScalarAsync<int>(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = @s AND proxyport > 0",
                ("c", clusterId), ("s", Active)));
            // Two membership changes, each bumping the table version: the silo's row inserted (Joining), then updated to Active.
            Assert.Equal(2, await db.ScalarAsync<int>(
                "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @c", ("c", clusterId)));

            // Grain storage: write (version 1, then 2), read back after deactivation, clear.
            var grain = cluster.GrainFactory.GetGrain<IStorageProbeGrain>("probe-" + Guid.NewGuid().ToString("N"));
            Assert.Equal("1", await grain.Write("first"));
            Assert.Equal("2", await grain.Write("second"));
            Assert.Equal(2, await db.ScalarAsync<int>(
                "SELECT version FROM orleansstorage WHERE serviceid = @s AND payloadbinary IS NOT NULL", ("s", serviceId)));

            await grain.Deactivate();
            var reread = await grain.Read();
            Assert.Equal("second", reread.Text);
            Assert.Equal("2", reread.ETag);
            Assert.True(reread.RecordExists);

            Assert.Equal("3", await grain.Clear());
            Assert.Equal(3, await db.ScalarAsync<int>(
                "SELECT version FROM orleansstorage WHERE serviceid = @s AND payloadbinary IS NULL", ("s", serviceId)));
            await grain.Deactivate();
            var afterClear = await grain.Read();
            Assert.Null(afterClear.Text);
            Assert.False(afterClear.RecordExists);

            // A provider with DeleteStateOnClear = true uses DeleteStorageKey: the row goes, the ETag resets.
            Assert.Equal("1", await grain.WriteDeletable("kept for now"));
            Assert.Equal(1, await db.ScalarAsync<int>(
                "SELECT count(*) FROM orleansstorage WHERE serviceid = @s AND graintypestring = 'deletable'", ("s", serviceId)));
            Assert.Null(await grain.ClearDeletable());
            Assert.Equal(0, await db.ScalarAsync<int>(
                "SELECT count(*) FROM orleansstorage WHERE serviceid = @s AND graintypestring = 'deletable'", ("s", serviceId)));
            Assert.Equal("1", await grain.WriteDeletable("again"));

            // Reminders: register (upsert), look up (read row), list, unregister (delete with ETag).
            await WhileTheReminderServiceStartsAsync(() => grain.RegisterReminder("tick"));
            Assert.Equal(1, await db.ScalarAsync<int>(
                "SELECT count(*) FROM orleansreminderstable WHERE serviceid = @s AND remindername = 'tick'", ("s", serviceId)));
            Assert.True(await grain.HasReminder("tick"));
            Assert.Equal(["tick"], await grain.ReminderNames());
            await grain.UnregisterReminder("tick");
            Assert.False(await grain.HasReminder("tick"));
            Assert.Equal(0, await db.ScalarAsync<int>(
                "SELECT count(*) FROM orleansreminderstable WHERE serviceid = @s", ("s", serviceId)));

            await cluster.StopAllSilosAsync();
            // A graceful shutdown leaves the silo's row marked Dead.
            Assert.Equal(Dead, await db.ScalarAsync<int>(
                "SELECT status FROM orleansmembershiptable WHERE deploymentid = @c", ("c", clusterId)));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// The reminder service may still be loading its ring range right after start-up; it then refuses with a
    /// <see cref="ReminderException"/> that asks to retry later. Only that is retried: any other failure (a provider
    /// query that does not fit our schema, an assertion) fails the test at once with its own message.
    /// </summary>
    private static async Task WhileTheReminderServiceStartsAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (ReminderException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    private static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"{ConnectionStringKey} is not configured.");

    public sealed class AdoNetSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = ConnectionString(siloBuilder.Configuration);
            siloBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            siloBuilder.AddAdoNetGrainStorage("Default", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            siloBuilder.AddAdoNetGrainStorage("DeleteOnClear", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = true;
            });
            siloBuilder.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        }
    }

    public sealed class AdoNetClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = ConnectionString(configuration);
            });
    }
}

public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<string?> Write(string text);
    Task<StorageProbeSnapshot> Read();
    Task<string?> Clear();
    Task<string?> WriteDeletable(string text);
    Task<string?> ClearDeletable();
    Task Deactivate();
    Task RegisterReminder(string name);
    Task<bool> HasReminder(string name);
    Task<string[]> ReminderNames();
    Task UnregisterReminder(string name);
}

[GenerateSerializer]
public sealed record StorageProbeSnapshot([property: Id(0)] string? Text, [property: Id(1)] string? ETag, [property: Id(2)] bool RecordExists);

[GenerateSerializer]
public sealed class StorageProbeState
{
    [Id(0)] public string? Text { get; set; }
}

/// <summary>
/// Test grain: persists one string in the "Default" ADO.NET storage, another in "DeleteOnClear"
/// (DeleteStateOnClear = true), and manages reminders.
/// </summary>
public sealed class StorageProbeGrain(
    [PersistentState("probe", "Default")] IPersistentState<StorageProbeState> state,
    [PersistentState("deletable", "DeleteOnClear")] IPersistentState<StorageProbeState> deletable)
    : Grain, IStorageProbeGrain, IRemindable
{
    public async Task<string?> Write(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
        return state.Etag;
    }

    public Task<StorageProbeSnapshot> Read() =>
        Task.FromResult(new StorageProbeSnapshot(state.State.Text, state.Etag, state.RecordExists));

    public async Task<string?> Clear()
    {
        await state.ClearStateAsync();
        return state.Etag;
    }

    public async Task<string?> WriteDeletable(string text)
    {
        deletable.State.Text = text;
        await deletable.WriteStateAsync();
        return deletable.Etag;
    }

    public async Task<string?> ClearDeletable()
    {
        await deletable.ClearStateAsync();
        return deletable.Etag;
    }

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task RegisterReminder(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public async Task<bool> HasReminder(string name) => await this.GetReminder(name) is not null;

    public async Task<string[]> ReminderNames() => (await this.GetReminders()).Select(r => r.ReminderName).ToArray();

    public async Task UnregisterReminder(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
