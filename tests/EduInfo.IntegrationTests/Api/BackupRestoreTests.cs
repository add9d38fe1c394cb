using EduInfo.Domain.Registry;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Api;

/// <summary>An Api that writes its roll-up cache often, so the database holds cache rows when it is dumped.</summary>
public sealed class BackupApiHost : ApiHost
{
    /// <summary>The traffic is posted once for both tests.</summary>
    public SemaphoreSlim TrafficGate { get; } = new(1, 1);

    public bool TrafficDone { get; set; }

    protected override void Configure(IDictionary<string, string?> settings) => settings["Rollup:CacheWriteInterval"] = "00:00:00.2";
}

/// <summary>
/// Issue #6, deliverable 5 (order point 5.3): the documented backup (scripts/backup.sh) restored into a fresh database
/// (scripts/restore.sh) under a fresh cluster gives every summary identical to before; and after the derived state is
/// corrupted, <c>eduinfo rebuild</c> makes a fresh cluster rebuild everything from the journal.
/// </summary>
public sealed class BackupRestoreTests(BackupApiHost api, ITestOutputHelper output) : IClassFixture<BackupApiHost>, IAsyncLifetime
{

    /// <summary>Tables whose data the backup leaves out (derived or runtime state; see docs/operations.md).</summary>
    private static readonly string[] DerivedTables = ["orleansstorage", "orleansmembershiptable", "orleansmembershipversiontable", "orleansreminderstable"];

    private string _work = "";

    public Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("eduinfo-backup-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_under_a_fresh_cluster_gives_every_summary_identical()
    {
        await TrafficAsync();
        var before = await SnapshotAsync(api, withVersions: true);
        var recordsBefore = await TableChecksumsAsync(api.Db.DataSource);

        var dump = Path.Combine(_work, "eduinfo.dump");
        await RunAsync("bash", [Script("backup.sh"), dump], api.Db.Name);
        Assert.Equal(recordsBefore, await TableChecksumsAsync(api.Db.DataSource)); // nothing moved while dumping

        var restoredDb = new TestDatabase { Migrate = false };
        await restoredDb.InitializeAsync();
        await RunAsync("bash", [Script("restore.sh"), dump], restoredDb.Name);

        // Every table of record is identical, row for row; the derived ones came back empty.
        Assert.Equal(recordsBefore, await TableChecksumsAsync(restoredDb.DataSource));
        foreach (var table in DerivedTables)
        {
            Assert.Equal(0, await restoredDb.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        }

        // A fresh cluster (its own silo, a new service id, an empty cache) on the restored database.
        await using var restored = new OwnedHost(ApiHost.OnExistingDatabase(restoredDb, api.Registry, "api-" + restoredDb.Name));
        await restored.Host.InitializeAsync();
        await ConvergedAsync(restored.Host);
        var after = await SnapshotAsync(restored.Host, withVersions: true);
        AssertIdentical(before, after);
        output.WriteLine($"backup {new FileInfo(dump).Length} bytes; {recordsBefore.Count} tables identical; {before.Count} summaries (with versions) identical after restore");
    }

    [Fact]
    public async Task After_derived_state_is_corrupted_the_rebuild_command_lets_a_fresh_cluster_rebuild_everything_from_the_journal()
    {
        await TrafficAsync();
        var before = await SnapshotAsync(api, withVersions: false);

        // A raw copy of the running database, cache rows included (not the backup, which leaves them out).
        var copy = new TestDatabase { Migrate = false };
        await copy.InitializeAsync();
        var raw = Path.Combine(_work, "raw.dump");
        await RunAsync(PgBin("pg_dump"), ["--format=custom", "--no-owner", "--file=" + raw], api.Db.Name);
        await RunAsync(PgBin("pg_restore"), ["--exit-on-error", "--no-owner", "--dbname=" + copy.Name, raw], copy.Name);

        // Corrupt the derived state: unreadable cache rows (as after an incompatible upgrade), watermarks rolled back,
        // missing and orphaned.
        var cacheRows = await copy.ScalarAsync<long>("SELECT count(*) FROM orleansstorage");
        Assert.True(cacheRows > 0);
        await copy.ExecuteAsync("UPDATE orleansstorage SET payloadbinary = '\\xdeadbeef'::bytea");
        await copy.ExecuteAsync("UPDATE class_watermarks SET seq = 1 WHERE class_id IN (SELECT id FROM classes ORDER BY id LIMIT 10)");
        await copy.ExecuteAsync("DELETE FROM class_watermarks WHERE class_id IN (SELECT id FROM classes ORDER BY id OFFSET 10 LIMIT 10)");
        await copy.ExecuteAsync("INSERT INTO class_watermarks (class_id, seq) VALUES ('no-such-class', 42)");
        var issuedBefore = await copy.ScalarAsync<long>("SELECT last_value FROM journal_seq");

        // With a live silo in the membership table the command refuses and changes nothing.
        await copy.ExecuteAsync("INSERT INTO orleansmembershipversiontable (deploymentid) VALUES ('live')");
        await copy.ExecuteAsync("""
            INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, starttime, iamalivetime)
            VALUES ('live', '10.0.0.1', 11111, 1, 'silo', 'host', 3, now(), now())
            """);
        var (refusedCode, _, refusedError) = await RebuildAsync(copy);
        Assert.Equal(1, refusedCode);
        Assert.Contains("stop the cluster", refusedError);
        Assert.Equal(cacheRows, await copy.ScalarAsync<long>("SELECT count(*) FROM orleansstorage"));
        await copy.ExecuteAsync("DELETE FROM orleansmembershiptable; DELETE FROM orleansmembershipversiontable");

        var (code, text, _) = await RebuildAsync(copy);
        Assert.Equal(0, code);
        output.WriteLine(text.Trim());
        var classes = await copy.ScalarAsync<long>("SELECT count(*) FROM classes");
        Assert.Contains($"{cacheRows} roll-up cache rows dropped; {classes} class versions renumbered", text);
        Assert.Equal(0, await copy.ScalarAsync<long>("SELECT count(*) FROM orleansstorage"));
        // Every class, and only classes, has a version above every number issued before: above its latest journal row,
        // enrolment and term event, and above any version a reader may have seen.
        Assert.Equal(0, await copy.ScalarAsync<long>("""
            SELECT count(*) FROM classes c LEFT JOIN class_watermarks w ON w.class_id = c.id
            WHERE w.seq IS NULL OR w.seq <= @issued
               OR w.seq <= (SELECT coalesce(max(seq), 0) FROM journal j WHERE j.class_id = c.id)
               OR w.seq <= (SELECT coalesce(max(seq), 0) FROM enrolments e WHERE e.class_id = c.id)
               OR w.seq <= (SELECT coalesce(max(seq), 0) FROM term_events t WHERE t.class_id = c.id)
            """, ("issued", issuedBefore)));
        Assert.Equal(classes, await copy.ScalarAsync<long>("SELECT count(*) FROM class_watermarks"));

        // A fresh cluster under the same service id as the original (so it would read the corrupted cache rows, had
        // they survived) rebuilds every summary from the journal: equal to before, and to the journal's recount.
        await using var rebuilt = new OwnedHost(ApiHost.OnExistingDatabase(copy, api.Registry, api.ServiceId));
        await rebuilt.Host.InitializeAsync();
        await ConvergedAsync(rebuilt.Host);
        var after = await SnapshotAsync(rebuilt.Host, withVersions: false);
        AssertIdentical(before, after);

        // Every field of every cell of every node (areas, organizations, classes) equals the journal's recount.
        var nodes = api.Registry.Data.Nodes.Select(n => n.Id).Concat(api.Registry.Data.Organizations.Select(o => o.Id))
            .Concat(api.Registry.Data.Classes.Select(c => c.Id)).ToList();
        RecountComparison.AssertNone(await RecountComparison.MismatchesAsync(rebuilt.Host.Http, copy.DataSource, nodes, TestClock.Today), "rebuilt summaries");
        output.WriteLine($"{after.Count} summaries identical after rebuild; every cell of {nodes.Count} nodes equals the journal recount");
    }

    private static async Task<(int Code, string Output, string Error)> RebuildAsync(TestDatabase db)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await RebuildCommand.RunAsync(db.DataSource, [], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Random journal traffic with corrections, excusals, transfers and closes from four concurrent clients (once per fixture), then until the roll-up has converged.</summary>
    private async Task TrafficAsync()
    {
        await api.TrafficGate.WaitAsync();
        try
        {
            if (api.TrafficDone)
            {
                return;
            }
            await RandomJournal.Plan(api.Registry, seed: 53, absentShare: 0.2, enough: (count, _) => count >= 240).PostAsync(api.Http, clients: 4);
            await ConvergedAsync(api);
            // The cache is written a moment after the roll-up settles; wait for it so that there is derived state to lose.
            await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>("SELECT count(*) FROM orleansstorage"), n => n > 0, TimeSpan.FromSeconds(30), "cache rows");
            // The journal's feed of notices passes the new rows a few polls later, moving its cursor: wait for it, so that
            // nothing of record moves while the backup is taken.
            var newest = await api.Db.ScalarAsync<long>("SELECT greatest((SELECT coalesce(max(seq), 0) FROM journal), (SELECT coalesce(max(seq), 0) FROM term_events))");
            await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>("SELECT seq FROM journal_feed"), seq => seq >= newest, TimeSpan.FromSeconds(30), "the feed's cursor");
            api.TrafficDone = true;
        }
        finally
        {
            api.TrafficGate.Release();
        }
    }

    /// <summary>Waits until the republic covers every class's figures and counts every organization.</summary>
    private static Task ConvergedAsync(ApiHost host) =>
        Convergence.RepublicCoversTheJournalAsync(host.Http, host.Db, TimeSpan.FromSeconds(60));

    /// <summary>
    /// Every summary: for each area, organization and class, the HTTP summary and the grain's whole summary (every term
    /// and subject cell); and for the republic, the HTTP summary of every cell. Only <c>asOf</c> (when the summary was
    /// computed) is left out, and the versions unless asked for (a rebuild renumbers them on purpose).
    /// </summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(ApiHost host, bool withVersions)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var data = host.Registry.Data;
        var ids = data.Nodes.Select(n => (n.Id, NodeKind.Region))
            .Concat(data.Organizations.Select(o => (o.Id, NodeKind.Organization)))
            .Concat(data.Classes.Select(c => (c.Id, NodeKind.Class)));
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, kind) in ids)
        {
            snapshot[$"GET {id}"] = await SummaryAsync(host, $"/api/v1/nodes/{id}/summary", withVersions);
            var summary = await grains.SummaryNode(kind, id).GetSummary();
            var cells = (summary.Cells ?? []).OrderBy(c => c.Term).ThenBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
            snapshot[$"cells {id}"] = JsonSerializer.Serialize(new
            {
                summary.NodeId, summary.Kind, Version = withVersions ? summary.Version : 0, summary.Figures, summary.AcademicYear, cells,
            });
        }
        var republic = JsonNode.Parse(snapshot["GET KZ"])!;
        var terms = republic["terms"]!.AsArray().Select(t => (int?)t!.GetValue<int>()).Prepend(null).ToList();
        var subjects = republic["subjects"]!.AsArray().Select(s => s!.GetValue<string>()).Prepend(null).ToList();
        foreach (var term in terms)
        {
            foreach (var subject in subjects)
            {
                var query = string.Join("&", new[] { term is null ? null : $"term={term}", subject is null ? null : $"subjectId={subject}" }.OfType<string>());
                snapshot[$"GET KZ?{query}"] = await SummaryAsync(host, $"/api/v1/nodes/KZ/summary?{query}", withVersions);
            }
        }
        return snapshot;
    }

    private static async Task<string> SummaryAsync(ApiHost host, string path, bool withVersions)
    {
        var response = await host.Http.GetJsonAsync(path);
        Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Body}");
        var json = JsonNode.Parse(response.Body.GetRawText())!.AsObject();
        json.Remove("asOf");
        if (!withVersions)
        {
            json.Remove("version");
        }
        return json.ToJsonString();
    }

    private static void AssertIdentical(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in before)
        {
            Assert.True(value == after[key], $"{key} differs:\nbefore {value}\nafter  {after[key]}");
        }
    }

    /// <summary>Row count and a digest of every row of every table except the derived ones, by table name.</summary>
    private static async Task<Dictionary<string, string>> TableChecksumsAsync(NpgsqlDataSource dataSource)
    {
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY(@derived)) ORDER BY tablename"))
        {
            list.Parameters.Add(new NpgsqlParameter<string[]>("derived", DerivedTables));
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("journal_2026_2027", tables);
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = dataSource.CreateCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM \"{table}\" t");
            checksums[table] = (string)(await digest.ExecuteScalarAsync())!;
        }
        return checksums;
    }

    private static string Script(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EduInfo.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "scripts", name);
    }

    private static string PgBin(string tool) =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
            .OrderBy(p => int.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))!))).Last();

    /// <summary>Runs a command against a database of the test server, named to it by the libpq environment.</summary>
    private async Task RunAsync(string file, string[] args, string database)
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString();
        start.Environment["PGUSER"] = server.Username;
        start.Environment["PGDATABASE"] = database;
        if (!string.IsNullOrEmpty(server.Password))
        {
            start.Environment["PGPASSWORD"] = server.Password;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine($"$ {Path.GetFileName(file)} {string.Join(' ', args.Select(Path.GetFileName))}: {(await stdout).Trim()} {(await stderr).Trim()}");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
    }

    /// <summary>Disposes a host started inside a test.</summary>
    private sealed class OwnedHost(ApiHost host) : IAsyncDisposable
    {
        public ApiHost Host { get; } = host;

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}
