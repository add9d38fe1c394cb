using EduInfo.Domain.Metrics;

namespace EduInfo.Storage.Registry;

// What an organization's own breakdown slices need (its classes read theirs with the class: FindClassAsync).
public sealed partial class RegistryStore
{
    /// <summary>An organization's kind, locality and subordination (the kind of the node it is attached to), or null.</summary>
    public async Task<BreakdownPlace?> FindOrganizationPlaceAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.kind, o.is_rural, n.kind FROM organizations o JOIN nodes n ON n.id = o.node_id WHERE o.id = @o
            """);
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BreakdownPlace(reader.GetString(0), reader.GetBoolean(1), ParseKind(reader.GetString(2)))
            : null;
    }
}
