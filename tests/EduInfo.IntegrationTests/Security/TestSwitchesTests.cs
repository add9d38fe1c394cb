using EduInfo.Api.Hosting;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// The two switches that exist for tests — the development actor header (a caller named without a token) and the
/// pinned date — are accepted in the Development environment only. An allow-list: Kubernetes runs as "Kubernetes",
/// not "Production", and a misspelt name must not open the door either.
/// </summary>
public sealed class TestSwitchesTests
{
    public static TheoryData<string, bool> Environments => new()
    {
        { "Development", true },
        { "development", true }, // environment names compare without case, as ASP.NET Core does
        { "Production", false },
        { "Kubernetes", false },
        { "Cluster", false },
        { "Staging", false },
        { "Develop", false },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_development_actor_header_is_accepted_in_Development_only(string environment, bool accepted) =>
        AssertStarts(environment, accepted, "Auth:DevelopmentActorHeader", "true");

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_pinned_date_is_accepted_in_Development_only(string environment, bool accepted) =>
        AssertStarts(environment, accepted, ClockHosting.PinnedSetting, "2027-07-15T05:00:00Z");

    [Fact]
    public void A_pinned_date_that_is_not_an_instant_stops_the_start() =>
        Assert.Contains("not an instant", Assert.Throws<InvalidOperationException>(() => ClockHosting.Pinned("next Tuesday", "Development")).Message);

    [Fact]
    public void Without_a_pinned_date_every_environment_starts_on_the_real_date() =>
        Assert.Null(ClockHosting.Pinned(null, "Production"));

    private static void AssertStarts(string environment, bool accepted, string key, string value)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(ApiHostingExtensions).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduInfo"] = "Host=127.0.0.1;Database=unused",
            ["Auth:SigningKey"] = ApiHost.TestSigningKey,
            [key] = value,
        });
        var start = () => builder.AddEduInfoApi();
        if (accepted)
        {
            start();
        }
        else
        {
            var refused = Assert.Throws<InvalidOperationException>(start);
            Assert.Contains(environment, refused.Message);
        }
    }
}
