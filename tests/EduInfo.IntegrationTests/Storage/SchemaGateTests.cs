using System.Diagnostics;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage;

namespace EduInfo.IntegrationTests.Storage;

/// <summary>
/// Kubernetes' order of start-up: a silo process with <c>Schema:Migrate=false</c> on a database that the migrations
/// Job has not reached yet is not ready, and becomes ready (an active member) once the schema is migrated.
/// </summary>
public sealed class SchemaGateTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new() { Migrate = false };

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_silo_that_does_not_migrate_is_not_ready_until_the_schema_is_at_its_version()
    {
        var cluster = "gate-" + _db.Name;
        var health = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var directory = ClusterApiHost.BuiltProject("Silo");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "EduInfo.Silo.dll"), "--urls", health]) { WorkingDirectory = directory };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings__EduInfo"] = _db.ConnectionString,
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__ClusterId"] = cluster,
            ["Cluster__ServiceId"] = cluster,
            ["Cluster__SiloPort"] = LoopbackPorts.Free().ToString(),
            ["Cluster__GatewayPort"] = LoopbackPorts.Free().ToString(),
            ["Schema__Migrate"] = "false",
            ["Schema__WaitInterval"] = "00:00:00.200",
            ["Rollup__ReconcileInterval"] = "00:00:00",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Clock__PinnedUtc"] = TestClock.Setting(),
            ["Logging__LogLevel__Default"] = "Warning",
        })
        {
            start.Environment[key] = value;
        }
        using var silo = Process.Start(start)!;
        try
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            // Behind: for several seconds (and many schema checks) the probe never succeeds and the process stays up.
            var watched = Stopwatch.StartNew();
            while (watched.Elapsed < TimeSpan.FromSeconds(8))
            {
                Assert.False(await ReadyAsync(probe, health), "ready while no migration is applied");
                Assert.False(silo.HasExited, "the silo exited instead of waiting for the schema");
                await Task.Delay(250);
            }
            Assert.Equal(SchemaMigrator.All.Count, await new SchemaMigrator(_db.DataSource).PendingAsync());

            await new SchemaMigrator(_db.DataSource).MigrateAsync();

            Assert.Equal(0, await new SchemaMigrator(_db.DataSource).PendingAsync());
            var waited = Stopwatch.StartNew();
            while (!await ReadyAsync(probe, health))
            {
                Assert.False(silo.HasExited, "the silo exited");
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "not ready 90 s after the schema was migrated");
                await Task.Delay(250);
            }
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient probe, string health)
    {
        try
        {
            using var response = await probe.GetAsync($"{health}/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening: the process has not started
        }
    }
}
