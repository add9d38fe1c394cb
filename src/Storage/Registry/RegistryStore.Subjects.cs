using EduInfo.Storage.Registry.Model;

namespace EduInfo.Storage.Registry;

public sealed partial class RegistryStore
{
    /// <summary>Every subject with its names (a short table: dozens of rows).</summary>
    public async Task<IReadOnlyList<SubjectRow>> SubjectsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name_kk, name_ru, name_en FROM subjects ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var subjects = new List<SubjectRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            subjects.Add(new SubjectRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return subjects;
    }
}
