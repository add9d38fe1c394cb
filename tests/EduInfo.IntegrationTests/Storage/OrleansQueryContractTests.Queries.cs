using System.Data;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage;
using Npgsql;

namespace EduInfo.IntegrationTests.Storage;

/// <summary>The queries' parameters, keys and runners the contract tests share.</summary>
public sealed partial class OrleansQueryContractTests
{
    private sealed record P(string Name, object? Value, DbType Type);

    private static P Int(string name, int? value) => new(name, value, DbType.Int32);
    private static P Long(string name, long value) => new(name, value, DbType.Int64);
    private static P Str(string name, string? value) => new(name, value, DbType.String);
    private static P Ansi(string name, string value) => new(name, value, DbType.AnsiString); // GrainId, Address
    private static P Bytes(string name, byte[] value) => new(name, value, DbType.Binary);
    private static P Time(string name, DateTime value) => new(name, value, DbType.DateTime);
    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    private sealed record GrainKey(string ServiceId, int GrainIdHash, long N0, long N1, int TypeHash, string Type, string? Extension)
    {
        public P[] Parameters() =>
        [
            Int("GrainIdHash", GrainIdHash), Long("GrainIdN0", N0), Long("GrainIdN1", N1), Int("GrainTypeHash", TypeHash),
            Str("GrainTypeString", Type), Str("GrainIdExtensionString", Extension), Str("ServiceId", ServiceId),
        ];
    }

    private sealed record Silo(string DeploymentId, string Address, int Port, int Generation)
    {
        public P[] Parameters() =>
            [Str("DeploymentId", DeploymentId), Ansi("Address", Address), Int("Port", Port), Int("Generation", Generation)];
    }

    private sealed record Reminder(string ServiceId, string GrainId, int GrainHash);

    /// <summary>One result row; column lookup is case-insensitive like Npgsql's GetOrdinal fallback.</summary>
    private sealed class Row(Dictionary<string, object?> values)
    {
        public IReadOnlyCollection<string> Columns => values.Keys;

        public T Get<T>(string column)
        {
            Assert.True(values.TryGetValue(column, out var value), $"column {column} missing; got {string.Join(", ", values.Keys)}");
            return value is null ? default! : (T)value;
        }
    }

    private async Task<Dictionary<string, string>> ReadQueryCatalogueAsync()
    {
        var catalogue = new Dictionary<string, string>(StringComparer.Ordinal);
        // The exact text the providers use to load the catalogue.
        await using var command = db.DataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            catalogue.Add((string)reader["QueryKey"], (string)reader["QueryText"]);
        }
        return catalogue;
    }

    /// <summary>Runs a catalogue query as the provider does and returns the rows of every result set.</summary>
    private async Task<List<Row>> RunAsync(string key, params P[] parameters)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await RunOnAsync(connection, null, key, parameters);
    }

    private async Task<List<Row>> RunOnAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, params P[] parameters)
    {
        var text = (await ReadQueryCatalogueAsync())[key];
        await using var command = new NpgsqlCommand(text, connection, transaction);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = p.Name, Value = p.Value ?? DBNull.Value, DbType = p.Type });
        }
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(new Row(values));
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    /// <summary>The providers' GetSingleBooleanValue: exactly one column, Convert.ToBoolean of it.</summary>
    private async Task<bool> SingleBoolAsync(string key, params P[] parameters)
    {
        var row = Assert.Single(await RunAsync(key, parameters));
        return Convert.ToBoolean(row.Get<object>(Assert.Single(row.Columns)));
    }

    private async Task<int?> WriteAsync(GrainKey grain, int? version, byte[] payload)
    {
        var row = Assert.Single(await RunAsync("WriteToStorageKey",
            [.. grain.Parameters(), Int("GrainStateVersion", version), Bytes("PayloadBinary", payload)]));
        return row.Get<int?>("NewGrainStateVersion");
    }

    private Task<bool> InsertSiloAsync(Silo silo, int status, int proxyPort, DateTime start, string version) =>
        SingleBoolAsync("InsertMembershipKey", InsertSiloParameters(silo, status, proxyPort, start, version));

    private static P[] InsertSiloParameters(Silo silo, int status, int proxyPort, DateTime start, string version) =>
        [
            .. silo.Parameters(), Time("IAmAliveTime", start.AddSeconds(1)), Str("SiloName", "silo-" + silo.Address),
            Str("HostName", "host-" + silo.Address), Time("StartTime", start), Int("Status", status),
            Int("ProxyPort", proxyPort), Int("Version", int.Parse(version)),
        ];

    private Task<bool> UpdateSiloAsync(Silo silo, int status, string? suspectTimes, DateTime iAmAlive, string version) =>
        SingleBoolAsync("UpdateMembershipKey",
        [
            .. silo.Parameters(), Time("IAmAliveTime", iAmAlive), Int("Status", status),
            Str("SuspectTimes", suspectTimes), Int("Version", int.Parse(version)),
        ]);

    private async Task<int> UpsertReminderAsync(Reminder reminder, string name, DateTime start, TimeSpan period)
    {
        // The provider sends Period as Int32 milliseconds when it fits, Int64 otherwise.
        var periodParameter = period.TotalMilliseconds <= int.MaxValue
            ? Int("Period", (int)period.TotalMilliseconds)
            : Long("Period", (long)period.TotalMilliseconds);
        var row = Assert.Single(await RunAsync("UpsertReminderRowKey",
            Str("ServiceId", reminder.ServiceId), Int("GrainHash", reminder.GrainHash), Ansi("GrainId", reminder.GrainId),
            Str("ReminderName", name), Time("StartTime", start), periodParameter));
        return Convert.ToInt32(row.Get<object>("Version"));
    }
}
