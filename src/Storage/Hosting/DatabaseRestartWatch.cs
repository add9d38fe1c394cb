using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduInfo.Storage.Hosting;

/// <summary>
/// Empties the connection pools after a PostgreSQL restart. Npgsql keeps the idle connections the restart killed and
/// hands each out once more, failing that use; a pool holds up to a hundred, and a rarely used one (a grain storage
/// read at activation) then failed a grain's activation again and again for minutes after the server was back (seen in
/// the fault test under CI load). Every <see cref="Interval"/> this reads the server's start time: a new one, or a
/// connection the server ended, clears this process's pools — the journal's data source and the pools of Orleans'
/// ADO.NET providers alike — so the next use opens a fresh connection.
/// </summary>
public sealed class DatabaseRestartWatch(NpgsqlDataSource dataSource, ILogger<DatabaseRestartWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private DateTime? _serverStarted;
    private bool _unreachable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stoppingToken);
                await LookAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Any other failure of the look (a refused connection, 53300 "too many clients", a timeout) is the next
                // look's to retry: escaping here stops the host (BackgroundServiceExceptionBehavior.StopHost) and took the
                // last silo of a cluster down under load (MembershipChangeTests).
                logger.LogWarning("Database restart watch could not look ({Error}); the next look retries", Describe(ex));
            }
        }
    }

    /// <summary>One look; true when it cleared the pools.</summary>
    public async Task<bool> LookAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_postmaster_start_time()::timestamp");
            var started = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
            var restarted = _serverStarted is { } known && known != started;
            _serverStarted = started;
            _unreachable = false;
            if (restarted)
            {
                ClearPools("PostgreSQL restarted");
            }
            return restarted;
        }
        catch (Exception ex) when (IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The probe's own pooled connection died with the server: so did the others. Cleared once per outage; the
            // server met next is learnt afresh, since whatever was pooled after this clear was opened to it.
            var first = !_unreachable;
            _serverStarted = null;
            _unreachable = true;
            if (first)
            {
                ClearPools($"a pooled connection was lost ({Describe(ex)})");
            }
            return first;
        }
    }

    private void ClearPools(string why)
    {
        dataSource.Clear();
        NpgsqlConnection.ClearAllPools();
        logger.LogWarning("Database connection pools cleared: {Why}", why);
    }

    /// <summary>The server ended the session (shutdown, crash, termination) or the socket broke; not a statement's error.</summary>
    public static bool IsConnectionLost(Exception ex) => ex switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private static string Describe(Exception ex) => ex is PostgresException postgres ? $"PostgresException {postgres.SqlState}" : ex.GetType().Name;
}
