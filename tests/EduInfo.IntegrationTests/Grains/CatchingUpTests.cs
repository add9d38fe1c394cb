using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// After a restart a node's summary says it is catching up (issue 26.5) until every class under it is counted: never
/// half-counted figures that look whole. The classes are held back for as long as the test likes by a lock on the
/// table every class reads as it loads (its timetable), which no aggregate reads.
/// </summary>
public sealed class CatchingUpTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private InProcessTestCluster _cluster = null!;
    private ClassLoadBlocker _blocker = null!;

    public async Task InitializeAsync()
    {
        await DemoRegistry.CreateAsync(_db);
        _blocker = await ClassLoadBlocker.HoldAsync(_db.DataSource);
        _cluster = await EduInfoTestCluster.StartAsync(_db, "catching-up-tests", overrides: new Dictionary<string, string?>
        {
            ["Rollup:ReconcileWait"] = "00:00:01", // an area answers its parent within a second with what it has
            ["Rollup:ReconcileInterval"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        await _blocker.DisposeAsync();
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_republic_says_it_is_catching_up_until_every_class_is_counted()
    {
        var classes = await _db.ScalarAsync<long>("SELECT count(*) FROM classes");
        var republic = _cluster.Client.SummaryNode(NodeKind.Republic, "KZ");

        var first = await republic.GetSummary();
        Assert.True(first.CatchingUp, "a republic whose classes cannot load yet");
        Assert.True(first.Figures.Classes < classes, $"{first.Figures.Classes} of {classes} classes counted");

        await _blocker.ReleaseAsync();
        var seen = new List<NodeSummary>();
        var whole = await Eventually.MatchesAsync(async () =>
            {
                var summary = await republic.GetSummary();
                seen.Add(summary);
                return (Summary: summary, Expected: await _db.ScalarAsync<long>("SELECT coalesce(sum(seq), 0) FROM class_watermarks"));
            },
            // The expected version is read with each look: the day's roll may move every class's version meanwhile.
            s => !s.Summary.CatchingUp && s.Summary.Version == s.Expected,
            TimeSpan.FromMinutes(2), "the republic has caught up with the journal");
        Assert.Equal(classes, whole.Summary.Figures.Classes);
        // On the way, every summary short of the country said so.
        Assert.All(seen.Where(s => s.Figures.Classes < classes), s => Assert.True(s.CatchingUp, $"{s.Figures.Classes} of {classes} classes, not flagged"));
    }
}

/// <summary>
/// Holds an exclusive lock on <c>timetable_slots</c>, which a class reads as it loads and nothing above it does: every
/// class activation waits until <see cref="ReleaseAsync"/> (a slow database after a restart, made to last).
/// </summary>
public sealed class ClassLoadBlocker : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private ClassLoadBlocker(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    public static async Task<ClassLoadBlocker> HoldAsync(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE timetable_slots IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        return new ClassLoadBlocker(connection, transaction);
    }

    public async Task ReleaseAsync()
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
