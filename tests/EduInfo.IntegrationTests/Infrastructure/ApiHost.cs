using EduInfo.Domain.Calendar;
using EduInfo.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using EduInfo.Grains.Interfaces.Calendar;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The Api as Program.cs builds it (same extension methods), in the Development profile with a co-hosted silo,
/// served by Kestrel on a loopback port: tests go through the real HTTP pipeline. Its own database, tiny demo country,
/// and its own domain clock, pinned at <see cref="TestClock.Pinned"/> unless a derived host says otherwise; a test moves
/// it through <see cref="Time"/>. Orleans and the host keep the system's <see cref="TimeProvider"/>.
/// </summary>
public class ApiHost : IApiHost, IAsyncLifetime
{
    public const string TestSigningKey = "test-signing-key-of-at-least-thirty-two-characters";
    private WebApplication? _app;
    private readonly bool _existingDatabase;

    public ApiHost()
    {
        Db = new TestDatabase();
        ServiceId = "api-" + Db.Name;
    }

    /// <summary>
    /// An Api (a fresh silo) on a database that already holds everything, e.g. a restored backup: nothing is created
    /// or seeded. <paramref name="serviceId"/> names the Orleans service whose grain state (the roll-up cache) it reads.
    /// The host owns the database and drops it when disposed. (A factory: xunit wants one public constructor.)
    /// </summary>
    public static ApiHost OnExistingDatabase(TestDatabase existing, DemoRegistry registry, string serviceId) => new(existing, registry, serviceId);

    private ApiHost(TestDatabase existing, DemoRegistry registry, string serviceId)
    {
        Db = existing;
        Registry = registry;
        ServiceId = serviceId;
        _existingDatabase = true;
    }

    public TestDatabase Db { get; }
    public DemoRegistry Registry { get; private set; } = null!;

    /// <summary>The time behind the host's domain clock (<see cref="Clock"/>): frozen until a test moves it.</summary>
    public FakeTimeProvider Time => _time ??= TestClock.Fake(PinnedAt);
    private FakeTimeProvider? _time;

    /// <summary>The domain clock the Api and its silo use.</summary>
    public IKazakhstanClock Clock => _clock ??= new KazakhstanClock(Time);
    private IKazakhstanClock? _clock;

    /// <summary>Where the clock stands when the host starts (and the demo country's academic year with it).</summary>
    protected virtual DateTimeOffset PinnedAt => TestClock.Pinned;

    /// <summary>The Orleans service id (grain state is stored under it).</summary>
    public string ServiceId { get; }
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running application's services (e.g. its endpoint data source).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The Api is not started.");

    public async Task InitializeAsync()
    {
        if (!_existingDatabase)
        {
            Registry = await CreateDatabaseAsync();
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(ApiHostingExtensions).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduInfo"] = Db.ConnectionString,
            ["Cluster:Role"] = "CoHosted",
            ["Cluster:Clustering"] = "Localhost",
            ["Cluster:ServiceId"] = ServiceId,
            ["Cluster:ClusterId"] = "api-" + Db.Name,
            ["Cluster:SiloPort"] = LoopbackPorts.Free().ToString(),
            ["Cluster:GatewayPort"] = LoopbackPorts.Free().ToString(),
            ["Auth:DevelopmentActorHeader"] = "true",
            ["Auth:SigningKey"] = TestSigningKey,
            ["Rollup:ReconcileInterval"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            // Concurrent test clients all come from 127.0.0.1; the limits have their own test.
            ["RateLimits:PerAddressPerSecond"] = "0",
            ["RateLimits:PerUserPerSecond"] = "0",
            ["RateLimits:VerificationsPerAddressPerMinute"] = "0",
        };
        Configure(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        // A host that scrapes its metrics listens on their port too (Telemetry:MetricsPort); requests go to the other one.
        var metricsPort = settings.TryGetValue("Telemetry:MetricsPort", out var port) ? port : null;
        builder.WebHost.UseUrls(metricsPort is null ? "http://127.0.0.1:0" : $"http://127.0.0.1:0;http://127.0.0.1:{metricsPort}");
        builder.Services.AddSingleton(Clock);
        builder.AddEduInfoApi();
        builder.AddEduInfoOrleans();
        ConfigureServices(builder.Services);
        _app = builder.Build();
        _app.MapEduInfoApi();
        Map(_app);
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => metricsPort is null || !a.EndsWith(":" + metricsPort, StringComparison.Ordinal));
        BaseAddress = new Uri(address);
        // Redirects are answers to check (a page's sign-in challenge, /home), never followed behind a test's back.
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    /// <summary>Creates the database before the Api starts: the demo country of the clock's academic year, with no journal.</summary>
    protected virtual Task<DemoRegistry> CreateDatabaseAsync() =>
        DemoRegistry.CreateAsync(Db, CountryOptions with { AcademicYear = AcademicCalendar.YearOf(Clock.Today) });

    /// <summary>The demo country the host loads (tiny: schools and colleges, no kindergartens).</summary>
    protected virtual EduInfo.Tools.Demo.DemoCountryOptions CountryOptions => EduInfo.Tools.Demo.DemoCountryOptions.Tiny;

    /// <summary>Lets a derived host change settings (e.g. turn the development header off, add an external IdP).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Lets a derived host add services to the Api and its co-hosted silo (a grain call filter, a log capture).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Lets a derived host add endpoints of its own (e.g. a page that needs a session, before the pages exist).</summary>
    protected virtual void Map(WebApplication app)
    {
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Db.DisposeAsync();
    }

}
