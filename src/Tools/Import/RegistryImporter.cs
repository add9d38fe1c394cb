using EduInfo.Storage.Registry;
using Npgsql;

namespace EduInfo.Tools.Import;

/// <summary>
/// Imports a folder of CSV files (docs/import.md) into the registry: reads and checks every file, row and value,
/// resolves ids against the files and the stored registry, and only when nothing is wrong writes everything in one
/// <see cref="RegistryWriter"/> transaction. A refused import writes nothing.
/// </summary>
public sealed class RegistryImporter(NpgsqlDataSource dataSource)
{
    /// <summary>Checks and, if there is no error at all, loads the folder.</summary>
    /// <exception cref="PostgresException">The registry changed between the check and the write (nothing was written).</exception>
    public async Task<ImportResult> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var import = ImportParser.Parse(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), ReadFolder(folder));
        var existing = await new ExistingRegistryReader(dataSource).ReadAsync(import, cancellationToken);
        var errors = ImportValidator.Validate(import, existing);
        if (errors.Count > 0)
        {
            return new ImportResult(errors, null);
        }
        var data = import.ToRegistryData();
        await new RegistryWriter(dataSource).WriteAsync(data, cancellationToken);
        return new ImportResult([], data);
    }

    /// <summary>Every *.csv file directly in the folder (any letter case, so "Nodes.csv" is reported, not skipped), by name.</summary>
    public static IReadOnlyList<CsvDocument> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.csv", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Select(path => CsvReader.Read(Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
}
