using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace EduInfo.Hosting;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard), off unless <c>OrleansDashboard:Enabled</c> is true. On a silo it
/// adds the dashboard's grains and grain service, a profiler on every incoming grain call (it stops recording a minute
/// after the last dashboard query) and a once-a-second export of the Orleans meters: work a silo should not do unasked
/// (docs/benchmarks.md has its cost). The pages are served by the Api only, to operators. Every process of a cluster
/// takes the same setting: the Api's pages read the silos' dashboard grains.
/// </summary>
public static class OrleansDashboardSwitch
{
    public const string Section = "OrleansDashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue($"{Section}:Enabled", false);

    public static ISiloBuilder AddEduInfoOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            silo.AddDashboard(Configure);
        }
        return silo;
    }

    /// <summary>
    /// The live log stream is off: the logs have their own pipeline and retention, and a stream holds a connection for an hour.
    /// </summary>
    public static void Configure(DashboardOptions options) => options.HideTrace = true;
}
