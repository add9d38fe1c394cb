using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>An organization's profile row as stored (kind by its column name), whether any class follows it, and when it closed.</summary>
public sealed record OrganizationProfileRow(string Id, string NodeId, string Kind, string NameKk, string NameRu, string NameEn,
    IReadOnlyList<string> Languages, bool IsRural, bool HasClasses, OrganizationContacts Contacts, DateOnly? ClosedOn = null);

/// <summary>Organizations' profile fields (names, languages of instruction, kind, locality, public contacts): read, and replaced with their audit row.</summary>
public sealed class OrganizationProfileStore(NpgsqlDataSource dataSource)
{
    public async Task<OrganizationProfileRow?> FindAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.node_id, o.kind, o.name_kk, o.name_ru, o.name_en, o.languages, o.is_rural,
                   EXISTS (SELECT 1 FROM classes c WHERE c.organization_id = o.id),
                   o.address_kk, o.address_ru, o.phone, o.email, o.website, o.head_name, o.closed_on
            FROM organizations o WHERE o.id = @id
            """);
        command.Parameters.AddWithValue("id", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OrganizationProfileRow(organizationId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.GetBoolean(6), reader.GetBoolean(7),
                new OrganizationContacts(reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetString(13)),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateOnly>(14))
            : null;
    }

    /// <summary>Replaces the profile fields and records the change in the audit log, in one transaction.</summary>
    public async Task UpdateAsync(OrganizationProfileRow profile, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE organizations SET kind = @kind, name_kk = @kk, name_ru = @ru, name_en = @en, languages = @languages, is_rural = @rural,
                address_kk = @addressKk, address_ru = @addressRu, phone = @phone, email = @email, website = @website, head_name = @head
            WHERE id = @id
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", profile.Id);
            update.Parameters.AddWithValue("kind", profile.Kind);
            update.Parameters.AddWithValue("kk", profile.NameKk);
            update.Parameters.AddWithValue("ru", profile.NameRu);
            update.Parameters.AddWithValue("en", profile.NameEn);
            update.Parameters.AddWithValue("languages", profile.Languages.ToArray());
            update.Parameters.AddWithValue("rural", profile.IsRural);
            var contacts = profile.Contacts;
            update.Parameters.AddWithValue("addressKk", contacts.AddressKk);
            update.Parameters.AddWithValue("addressRu", contacts.AddressRu);
            update.Parameters.AddWithValue("phone", contacts.Phone);
            update.Parameters.AddWithValue("email", contacts.Email);
            update.Parameters.AddWithValue("website", contacts.Website);
            update.Parameters.AddWithValue("head", contacts.HeadName);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
