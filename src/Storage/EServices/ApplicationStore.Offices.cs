using Npgsql;

namespace EduInfo.Storage.EServices;

/// <summary>A place a parent may apply to, with its names and the names of the area it lies in (what the wizard lists).</summary>
public sealed record OfficeChoice(string Id, string NameKk, string NameRu, string NameEn, string AreaKk, string AreaRu, string AreaEn);

public sealed partial class ApplicationStore
{
    /// <summary>Every district (a city's district too), each with its region: the wizard's first choice of where to apply.</summary>
    public async Task<IReadOnlyList<OfficeChoice>> DistrictsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.id, d.name_kk, d.name_ru, d.name_en, r.name_kk, r.name_ru, r.name_en
            FROM nodes d JOIN nodes r ON r.id = d.parent_id WHERE d.kind = 'district' ORDER BY r.id, d.id
            """);
        return await ReadChoicesAsync(command, cancellationToken);
    }

    /// <summary>The open organizations of a kind ("school", "preschool") a district manages, with the district's name.</summary>
    public async Task<IReadOnlyList<OfficeChoice>> OrganizationsInAsync(string districtId, string kind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.id, o.name_kk, o.name_ru, o.name_en, d.name_kk, d.name_ru, d.name_en
            FROM organizations o JOIN nodes d ON d.id = o.node_id
            WHERE o.node_id = @d AND o.kind = @k AND o.closed_on IS NULL ORDER BY o.id
            """);
        command.Parameters.AddWithValue("d", districtId);
        command.Parameters.AddWithValue("k", kind);
        return await ReadChoicesAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<OfficeChoice>> ReadChoicesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var choices = new List<OfficeChoice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            choices.Add(new OfficeChoice(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6)));
        }
        return choices;
    }
}
