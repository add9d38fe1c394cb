using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace EduInfo.Api.Security;

/// <summary>
/// The data-protection key ring in PostgreSQL, so every Api replica reads the session cookies and antiforgery tokens
/// the others wrote, and a restart keeps them valid. The keys are as secret as the signing key: the database is.
/// </summary>
public sealed class DataProtectionKeys(NpgsqlDataSource dataSource) : IXmlRepository
{
    // The key manager's interface is synchronous; it reads rarely (the ring is cached) and writes once per key.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("INSERT INTO data_protection_keys (name, xml) VALUES (@n, @x) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue("n", friendlyName);
        command.Parameters.AddWithValue("x", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddEduInfoDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("eduinfo");
        builder.Services.AddSingleton<DataProtectionKeys>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeys>((o, keys) => o.XmlRepository = keys);
        return builder;
    }
}
