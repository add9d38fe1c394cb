using EduInfo.Storage;
using Npgsql;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the throwaway PostgreSQL server that scripts/test.sh starts
/// (connection string in EDUINFO_TEST_PG). Each test class gets its own database, so classes run in parallel.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("EDUINFO_TEST_PG")
        ?? throw new InvalidOperationException("EDUINFO_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    /// <summary>The server to create the database on: the shared one unless a test brings its own (see Faults/PrivatePostgres).</summary>
    public string Admin { get => _admin ?? AdminConnectionString; init => _admin = value; }
    private readonly string? _admin;

    /// <summary>When false, the database is created empty (for tests of the migrations themselves).</summary>
    public bool Migrate { get; init; } = true;

    /// <summary>
    /// On the test script's shared server, where a run's templates live (<see cref="DatabaseTemplates"/>); a test's own
    /// server (stopped, restarted, replaced by the fault tests) migrates and loads each database itself.
    /// </summary>
    public bool OnSharedServer => _admin is null;

    /// <summary>Creates the database: migrated (a copy of the migrated schema's template on the shared server), or empty when <see cref="Migrate"/> is off.</summary>
    public async Task InitializeAsync()
    {
        await CreateAsync(Migrate && OnSharedServer ? await DatabaseTemplates.MigratedAsync(Admin) : null);
        if (Migrate && !OnSharedServer)
        {
            await new SchemaMigrator(DataSource).MigrateAsync();
        }
    }

    /// <summary>Creates the database as a copy of <paramref name="template"/> (<see cref="DatabaseTemplates"/>), or empty.</summary>
    public async Task CreateAsync(string? template)
    {
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {Name}" : $"CREATE DATABASE {Name} TEMPLATE {template}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = Name, MaxPoolSize = 50 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T));
    }
}
