using Npgsql;

namespace EduInfo.Tools.Operations;

/// <summary>
/// <c>eduinfo rebuild [--force]</c>: drops every piece of derived state so that a cluster started afterwards rebuilds
/// all live state (class ledgers, every summary up to the republic, diaries) from the journal and the registry.
/// <list type="bullet">
/// <item>The roll-up cache (all grain state in <c>orleansstorage</c>: aggregates' copies of their children's
/// summaries) is deleted; aggregates rebuild it from their children on activation.</item>
/// <item>The class watermarks (<c>class_watermarks</c>, the version each class's summary must reach) are renumbered:
/// every class, and only existing classes, get a new number from <c>journal_seq</c>. A watermark is not a pure function
/// of stored rows (timetable, calendar and policy changes and the day roll move it with a bare number), so it cannot be
/// recomputed to its old value; what the system needs of it is that it is at least the number of the class's latest
/// journal row, enrolment and term event, and that it changes whenever the figures may have changed. A fresh number
/// is greater than every number ever issued, so both hold, and every summary's version moves: no reader (the live
/// streams resume by version) can mistake a rebuilt summary for one it has already seen.</item>
/// </list>
/// The data of record (journal, registry, accounts, audit, rules, timetables, targets) is not touched. Run it with the
/// cluster stopped: a running silo would keep serving (and re-caching) the summaries it holds in memory. It refuses
/// when the membership table shows a live silo (ADO.NET clustering), unless <c>--force</c>.
/// </summary>
public static class RebuildCommand
{
    /// <summary>How long after its last heartbeat an active silo row still counts as a running silo.</summary>
    public static readonly TimeSpan LiveSiloWindow = TimeSpan.FromMinutes(2);

    public sealed record RebuildResult(int CacheRowsDropped, int StaleWatermarksDropped, int ClassesRenumbered, long FirstNumber, long LastNumber);

    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, string[] args, TextWriter output, TextWriter error)
    {
        var force = args.Contains("--force", StringComparer.Ordinal);
        if (args.Any(a => a != "--force"))
        {
            error.WriteLine("usage: eduinfo rebuild [--force]");
            return 2;
        }
        var live = await LiveSilosAsync(dataSource);
        if (live > 0 && !force)
        {
            error.WriteLine($"rebuild: {live} silo(s) reported alive within {LiveSiloWindow.TotalMinutes:F0} minutes; stop the cluster first (or --force)");
            return 1;
        }
        var result = await RebuildAsync(dataSource);
        output.WriteLine($"rebuild: {result.CacheRowsDropped} roll-up cache rows dropped; {result.ClassesRenumbered} class versions renumbered " +
                         $"({result.FirstNumber}..{result.LastNumber}), {result.StaleWatermarksDropped} watermarks of unknown classes dropped");
        output.WriteLine("rebuild: start the cluster; every summary is rebuilt from the journal as it is first read (or by the periodic reconciliation)");
        return 0;
    }

    /// <summary>Silos that the ADO.NET membership table shows as active with a recent heartbeat.</summary>
    public static async Task<long> LiveSilosAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE status = 3 AND iamalivetime > now() - @window");
        command.Parameters.AddWithValue("window", LiveSiloWindow);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Drops the roll-up cache and renumbers every class watermark, in one transaction.</summary>
    public static async Task<RebuildResult> RebuildAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int cache, stale, renumbered;
        long first = 0, last = 0;
        await using (var drop = new NpgsqlCommand("DELETE FROM orleansstorage", connection, transaction))
        {
            cache = await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var orphans = new NpgsqlCommand(
            "DELETE FROM class_watermarks w WHERE NOT EXISTS (SELECT 1 FROM classes c WHERE c.id = w.class_id)", connection, transaction))
        {
            stale = await orphans.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var renumber = new NpgsqlCommand("""
            WITH numbered AS (
                INSERT INTO class_watermarks (class_id, seq)
                SELECT id, nextval('journal_seq') FROM classes
                ON CONFLICT (class_id) DO UPDATE SET seq = excluded.seq
                RETURNING seq
            )
            SELECT count(*)::int, coalesce(min(seq), 0), coalesce(max(seq), 0) FROM numbered
            """, connection, transaction))
        await using (var reader = await renumber.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            renumbered = reader.GetInt32(0);
            first = reader.GetInt64(1);
            last = reader.GetInt64(2);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RebuildResult(cache, stale, renumbered, first, last);
    }
}
