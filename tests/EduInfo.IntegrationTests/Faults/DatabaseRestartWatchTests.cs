using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL restart leaves dead connections in the pools; the watch's look empties them, so no later use fails.
/// The control shows what the look prevents: without it, every idle connection fails its next use.
/// </summary>
public sealed class DatabaseRestartWatchTests : IAsyncLifetime
{
    private const int Pooled = 6;
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task After_a_restart_the_look_clears_the_dead_connections_and_every_later_use_succeeds()
    {
        await using var watched = Source("watched");
        await using var legacy = new NpgsqlConnection(Legacy("legacy"));
        await using var control = Source("control");
        var watch = new DatabaseRestartWatch(watched, NullLogger<DatabaseRestartWatch>.Instance);
        Assert.False(await watch.LookAsync(CancellationToken.None)); // the first look only learns the start time
        await FillPoolAsync(watched);
        await FillPoolAsync(control);
        await FillLegacyPoolAsync("legacy");

        await _postgres.RestartAsync();
        Assert.True(await watch.LookAsync(CancellationToken.None));
        Assert.False(await watch.LookAsync(CancellationToken.None)); // the same server: nothing more to clear

        Assert.Equal(0, await FailedUsesAsync(() => watched.OpenConnectionAsync().AsTask()));
        Assert.Equal(0, await FailedUsesAsync(() => OpenLegacyAsync("legacy")));
        // Control: a pool nobody cleared hands out its dead connections, each failing once.
        Assert.True(await FailedUsesAsync(() => control.OpenConnectionAsync().AsTask()) > 0);
    }

    [Fact]
    public async Task A_look_whose_own_connection_died_clears_the_pools_once_per_outage()
    {
        await using var watched = Source("lost");
        var watch = new DatabaseRestartWatch(watched, NullLogger<DatabaseRestartWatch>.Instance);
        await FillPoolAsync(watched);
        await _postgres.RestartAsync();
        // The look's connection is one of the dead ones: the server's end of it is reported, and the pools cleared.
        Assert.True(await watch.LookAsync(CancellationToken.None));
        Assert.Equal(0, await FailedUsesAsync(() => watched.OpenConnectionAsync().AsTask()));
    }

    [Fact]
    public async Task A_look_that_fails_otherwise_is_retried_and_the_watch_keeps_running()
    {
        // Every connection of a role at its connection limit is refused with 53300, as a server at max_connections
        // refuses one: not a lost connection, and it stopped the whole silo while the watch let it escape.
        await using (var admin = NpgsqlDataSource.Create(_postgres.AdminConnectionString))
        {
            await using var create = admin.CreateCommand("CREATE ROLE refused LOGIN CONNECTION LIMIT 0");
            await create.ExecuteNonQueryAsync();
        }
        await using var refused = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_postgres.AdminConnectionString) { Username = "refused" }.ConnectionString);
        var capture = new LogCapture(nameof(DatabaseRestartWatch));
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(capture));
        var watch = new DatabaseRestartWatch(refused, logging.CreateLogger<DatabaseRestartWatch>());

        await watch.StartAsync(CancellationToken.None);
        // Two failed looks: the loop went on after the first.
        await Eventually.MatchesAsync(() => Task.FromResult(capture.Entries.Count(e => e.Message.Contains("53300", StringComparison.Ordinal))),
            failed => failed >= 2, TimeSpan.FromSeconds(60), "two failed looks logged");
        Assert.False(watch.ExecuteTask!.IsCompleted);
        await watch.StopAsync(CancellationToken.None);
        Assert.DoesNotContain(capture.Entries, e => e.Message.Contains("cleared", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("57P01", true)] // admin shutdown
    [InlineData("57P02", true)] // crash shutdown
    [InlineData("57P03", true)] // cannot connect now
    [InlineData("23505", false)] // a unique violation is the statement's, not the connection's
    [InlineData("40001", false)] // a serialization failure is retried by its caller, on a good connection
    public void A_connection_is_lost_only_when_the_server_ended_the_session(string sqlState, bool lost) =>
        Assert.Equal(lost, DatabaseRestartWatch.IsConnectionLost(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    private NpgsqlDataSource Source(string name) => NpgsqlDataSource.Create(Legacy(name));

    private string Legacy(string name) => new NpgsqlConnectionStringBuilder(_postgres.AdminConnectionString) { ApplicationName = name, MaxPoolSize = Pooled }.ConnectionString;

    private async Task<NpgsqlConnection> OpenLegacyAsync(string name)
    {
        var connection = new NpgsqlConnection(Legacy(name));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Opens the pool's every connection at once, then returns them idle.</summary>
    private static async Task FillPoolAsync(NpgsqlDataSource source)
    {
        var open = new List<NpgsqlConnection>();
        for (var i = 0; i < Pooled; i++)
        {
            open.Add(await source.OpenConnectionAsync());
        }
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task FillLegacyPoolAsync(string name)
    {
        var open = new List<NpgsqlConnection>();
        for (var i = 0; i < Pooled; i++)
        {
            open.Add(await OpenLegacyAsync(name));
        }
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Uses as many connections at once as the pool holds; counts the uses that failed.</summary>
    private static async Task<int> FailedUsesAsync(Func<Task<NpgsqlConnection>> open)
    {
        var failed = 0;
        var held = new List<NpgsqlConnection>();
        for (var i = 0; i < Pooled; i++)
        {
            var connection = await open();
            held.Add(connection);
            try
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                failed++;
            }
        }
        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }
        return failed;
    }
}
