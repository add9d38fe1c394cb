namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>A running Api over its own database with the tiny demo country, whatever the deployment profile.</summary>
public interface IApiHost
{
    HttpClient Http { get; }
    TestDatabase Db { get; }
    DemoRegistry Registry { get; }
}
