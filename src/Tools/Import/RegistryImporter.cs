using EduInfo.Domain.Csv;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Npgsql;

namespace EduInfo.Tools.Import;

/// <summary>
/// Imports a folder of CSV files (docs/import.md) into the registry: reads and checks every file, row and value,
/// resolves ids against the files and the stored registry, and only when nothing is wrong writes everything in one
/// <see cref="RegistryWriter"/> transaction (COPY: the bulk path of a first load), with one "registry.import" audit row
/// of the counts. A refused import writes nothing.
/// </summary>
/// <param name="today">Kazakhstan's date, from the command's clock.</param>
/// <param name="operatorId">Who runs the command, as the audit names them (the operating-system account, never a person's name).</param>
public sealed class RegistryImporter(NpgsqlDataSource dataSource, DateOnly today, string operatorId)
{
    /// <summary>Checks and, if there is no error at all, loads the folder.</summary>
    /// <exception cref="PostgresException">The registry changed between the check and the write (nothing was written).</exception>
    public async Task<ImportResult> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var import = ImportParser.Parse(name, ReadFolder(folder), today);
        var existing = await new ExistingRegistryReader(dataSource).ReadAsync(import, cancellationToken);
        var errors = ImportValidator.Validate(import, existing);
        if (errors.Count > 0)
        {
            return new ImportResult(errors, null);
        }
        var data = import.ToRegistryData();
        var audit = new AuditEntry(operatorId, ["operator"], null, "registry.import", "registry", name, null, "committed");
        await new RegistryWriter(dataSource).WriteAsync(data, cancellationToken, audit);
        return new ImportResult([], data);
    }

    /// <summary>Every *.csv file directly in the folder (any letter case, so "Nodes.csv" is reported, not skipped), by name.</summary>
    public static IReadOnlyList<CsvDocument> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.csv", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Select(path => CsvReader.Read(Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
}
