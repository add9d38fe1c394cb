using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace EduInfo.Storage.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Name of the connection string (ConnectionStrings:EduInfo or env ConnectionStrings__EduInfo).</summary>
    public const string ConnectionStringName = "EduInfo";

    public static string RequireConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} (env ConnectionStrings__{ConnectionStringName}).");

    /// <summary>
    /// The data source of the journal and the registry. Statements are prepared automatically after their second use
    /// unless the connection string says otherwise: the write path and a class's or student's rebuild run the same few
    /// statements all day, and planning them each time cost PostgreSQL more than running them.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "eduinfo" };
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }

    /// <summary>
    /// PostgreSQL for the journal and the registry, and (unless <paramref name="migrate"/> is false: a test that
    /// migrated itself) the schema before any other hosted service starts, Orleans included: migrated by this process,
    /// or with <c>Schema:Migrate=false</c> (Kubernetes: a Job migrates) waited for (<see cref="SchemaGate"/>).
    /// </summary>
    public static IHostApplicationBuilder AddEduInfoStorage(this IHostApplicationBuilder builder, bool migrate = true)
    {
        var connectionString = builder.Configuration.RequireConnectionString();
        builder.Services.TryAddSingleton(_ => CreateDataSource(connectionString));
        builder.Services.TryAddSingleton<JournalStore>();
        builder.Services.TryAddSingleton<RegistryStore>();
        builder.Services.TryAddSingleton<Security.AccountStore>();
        builder.Services.TryAddSingleton<Security.BrowserSessionStore>();
        builder.Services.TryAddSingleton<Audit.AuditLog>();
        builder.Services.TryAddSingleton<RegionalTargetStore>();
        builder.Services.TryAddSingleton<Assessment.AssessmentStore>();
        builder.Services.TryAddSingleton<Assessment.TimetableStore>();
        builder.Services.TryAddSingleton<Assessment.TermBoardStore>();
        builder.Services.TryAddSingleton<TransferStore>();
        builder.Services.TryAddSingleton<OrganizationProfileStore>();
        builder.Services.TryAddSingleton<PupilStore>();
        builder.Services.TryAddSingleton<StaffStore>();
        builder.Services.TryAddSingleton<Trends.DailyFiguresStore>();
        builder.Services.TryAddSingleton<OrganizationLifecycleStore>();
        builder.Services.TryAddSingleton<YearEnd.AcademicYearStore>();
        builder.Services.TryAddSingleton<YearEnd.YearRollStore>();
        builder.Services.TryAddSingleton<Ratings.RatingStore>();
        builder.Services.TryAddSingleton<EServices.ApplicationStore>();
        builder.Services.TryAddSingleton<Forums.ForumStore>();
        builder.Services.TryAddSingleton<Seminars.SeminarStore>();
        builder.Services.TryAddSingleton<Materials.MaterialStore>();
        builder.Services.TryAddSingleton<EServices.ServiceDesk>();
        builder.Services.TryAddSingleton<EServices.InboxStore>();
        builder.Services.TryAddSingleton<Notifications.DeliveryStore>();
        builder.Services.TryAddSingleton<Notifications.JournalFeedStore>();
        builder.AddKazakhstanClock();
        builder.Services.AddHostedService<DatabaseRestartWatch>();
        if (migrate && builder.Configuration.GetValue("Schema:Migrate", true))
        {
            builder.Services.AddHostedService<SchemaMigrationService>();
        }
        else if (migrate)
        {
            builder.Services.AddHostedService<SchemaGate>();
        }
        return builder;
    }
}
