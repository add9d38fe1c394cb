using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The districts a live benchmark watches, each with the one school class written into under it (the one with the most
/// teachings; those of up to three teachers, so few accounts log in). One written class per district is what makes a
/// district's version tell exactly whether a batch reached it (<see cref="LiveFreshness"/>).
/// </summary>
public static class LiveTargets
{
    public sealed record District(string DistrictId, string ClassId, IReadOnlyList<Teaching> Teachings);

    public static async Task<IReadOnlyList<District>> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var teachings = await TeachingCatalog.LoadAsync(dataSource, teachers: int.MaxValue, seed: 13, cancellationToken);
        var districtOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("""
            SELECT c.id, n.id FROM classes c JOIN organizations o ON o.id = c.organization_id JOIN nodes n ON n.id = o.node_id
            WHERE n.kind = 'district' AND o.kind = 'school'
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                districtOf[reader.GetString(0)] = reader.GetString(1);
            }
        }
        var districts = teachings.Where(t => districtOf.ContainsKey(t.ClassId)).GroupBy(t => t.ClassId)
            .GroupBy(c => districtOf[c.Key])
            .Select(d => d.OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).First())
            .Select(c =>
            {
                var teachers = c.Select(t => t.TeacherId).Distinct().Order(StringComparer.Ordinal).Take(3).ToHashSet();
                return new District(districtOf[c.Key], c.Key, c.Where(t => teachers.Contains(t.TeacherId)).ToList());
            })
            .OrderBy(d => d.DistrictId, StringComparer.Ordinal).ToList();
        return districts.Count > 0 ? districts : throw new InvalidOperationException("No district with a school class to write into: seed the demo country first.");
    }
}
