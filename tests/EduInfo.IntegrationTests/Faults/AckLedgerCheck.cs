using Npgsql;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>What the journal holds against what the clients were told: acknowledged entries missing from it, and entries in it more than once.</summary>
public sealed record LedgerDiscrepancies(IReadOnlyList<Guid> Lost, IReadOnlyList<Guid> Duplicated)
{
    public bool None => Lost.Count == 0 && Duplicated.Count == 0;

    public override string ToString() =>
        $"{Lost.Count} lost ({string.Join(", ", Lost.Take(5))}), {Duplicated.Count} duplicated ({string.Join(", ", Duplicated.Take(5))})";
}

/// <summary>
/// The fault tests' checker: the clients' log of acknowledged entry ids (a 200 was received) compared with the
/// journal's rows per entry id. Entries written but never acknowledged (the client gave up) are neither.
/// </summary>
public static class AckLedgerCheck
{
    public static LedgerDiscrepancies Compare(IEnumerable<Guid> acknowledged, IReadOnlyDictionary<Guid, long> journalRowsByEntryId) =>
        new(
            acknowledged.Distinct().Where(id => !journalRowsByEntryId.ContainsKey(id)).Order().ToList(),
            journalRowsByEntryId.Where(row => row.Value > 1).Select(row => row.Key).Order().ToList());

    /// <summary>Rows per entry id across every academic year (the unique key is per year, so a count above one is still possible in principle).</summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> JournalRowsByEntryIdAsync(NpgsqlDataSource journal)
    {
        await using var command = journal.CreateCommand("SELECT entry_id, count(*) FROM journal GROUP BY entry_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, long>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        return rows;
    }
}
