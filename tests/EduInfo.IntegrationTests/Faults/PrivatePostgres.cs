using System.Diagnostics;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a temporary folder, a free loopback port, fsync on), so the test
/// can restart it without disturbing the test classes that share the server of scripts/test.sh. Runs the server as the
/// postgres user when the tests run as root, as scripts/lib/pg.sh does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PrivatePostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .LastOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql (scripts/test.sh installs them).");
        var data = Directory.CreateTempSubdirectory("eduinfo-fault-pg.").FullName;
        var server = new PrivatePostgres(bin, data, LoopbackPorts.Free());
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres:postgres", data);
        }
        await server.AsOwnerAsync("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {server.Port}
            unix_socket_directories = '{data}'
            max_connections = 200
            fsync = on
            synchronous_commit = on
            """);
        await server.PgCtlAsync("start");
        return server;
    }

    /// <summary>A fast restart: sessions are cut, committed transactions survive (fsync on).</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private Task PgCtlAsync(params string[] arguments) =>
        AsOwnerAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", .. arguments]);

    private Task AsOwnerAsync(string tool, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        // pg_ctl's server keeps running after pg_ctl exits: its output goes to server.log, not to pipes we would wait on.
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
