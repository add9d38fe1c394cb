using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EduInfo.Storage;
using EduInfo.Tools.Demo;
using Npgsql;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The test databases' templates, made once per test run and server: the schema migrated, and the demo country of given
/// options loaded on it. A test class's database is then a copy (<c>CREATE DATABASE … TEMPLATE</c>): a copy of a few
/// megabytes instead of every migration and a registry load, for each of the suite's many classes. A template takes
/// no connections once made (a copy needs none, and one would make the copy fail).
/// </summary>
internal static class DatabaseTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(string Name, DemoRegistry? Registry)>>> Made = new();
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    static DatabaseTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary>The migrated schema, empty.</summary>
    public static async Task<string> MigratedAsync(string admin) =>
        (await GetAsync(admin, "schema", async dataSource =>
        {
            await new SchemaMigrator(dataSource).MigrateAsync();
            return null;
        })).Name;

    /// <summary>The migrated schema with the demo country of <paramref name="options"/>, and its registry (shared, read-only).</summary>
    public static async Task<(string Name, DemoRegistry Registry)> DemoCountryAsync(string admin, DemoCountryOptions options)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options))))[..16];
        var (name, registry) = await GetAsync(admin, "demo_" + key, async dataSource =>
        {
            await new SchemaMigrator(dataSource).MigrateAsync();
            return await DemoRegistry.WriteAsync(dataSource, options);
        });
        return (name, registry!);
    }

    private static Task<(string Name, DemoRegistry? Registry)> GetAsync(string admin, string key, Func<NpgsqlDataSource, Task<DemoRegistry?>> fill) =>
        Made.GetOrAdd(admin + "\n" + key, _ => new Lazy<Task<(string, DemoRegistry?)>>(() => CreateAsync(admin, $"tpl_{RunId}_{key}", fill))).Value;

    private static async Task<(string, DemoRegistry?)> CreateAsync(string admin, string name, Func<NpgsqlDataSource, Task<DemoRegistry?>> fill)
    {
        await AdminAsync(admin, $"CREATE DATABASE {name}");
        DemoRegistry? registry;
        await using (var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString))
        {
            registry = await fill(dataSource);
        }
        await AdminAsync(admin, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        return (name, registry);
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Best effort at the end of the run (the test script's server is thrown away anyway).</summary>
    private static void DropAll()
    {
        foreach (var (key, made) in Made)
        {
            if (!made.IsValueCreated || !made.Value.IsCompletedSuccessfully)
            {
                continue;
            }
            try
            {
                AdminAsync(key[..key.IndexOf('\n')], $"DROP DATABASE IF EXISTS {made.Value.Result.Name}").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server may be gone already.
            }
        }
    }
}
