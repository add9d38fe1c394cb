using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace EduInfo.Hosting;

/// <summary>
/// Lets Npgsql's exceptions cross the wire between silos and the Api. By default Orleans serializes only exceptions of
/// the System, Microsoft and Orleans namespaces; a grain that could not reach the database (a failed activation, a
/// failed append) then answered with a codec failure, which the Api could only report as a 500. Carried as what
/// they are, the Api answers them with a 503 and Retry-After: nothing was acknowledged, the client retries.
/// </summary>
public static class DatabaseExceptions
{
    public static IServiceCollection AddDatabaseExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
}
