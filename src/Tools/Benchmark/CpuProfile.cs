using System.Diagnostics;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// A system-wide CPU profile of a measured phase only (warm-up and logins left out): <c>perf record</c> sampling every
/// process — the Api, PostgreSQL, the kernel — with call graphs, started when the phase starts and stopped when it ends.
/// On when <c>EDUINFO_PROFILE</c> names the output file; the Api must run with <c>DOTNET_PerfMapEnabled=1</c> so the
/// JIT-compiled frames have names (bench/smoke.sh and bench/term-end.sh set both). Read it with bench/profile-report.sh.
/// </summary>
public sealed class CpuProfile : IAsyncDisposable
{
    private readonly Process? _perf;

    private CpuProfile(Process? perf) => _perf = perf;

    public static CpuProfile Start(TextWriter log)
    {
        var output = Environment.GetEnvironmentVariable("EDUINFO_PROFILE");
        if (string.IsNullOrWhiteSpace(output))
        {
            return new CpuProfile(null);
        }
        var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-F", "199", "-a", "-g", "-o", output, "--quiet"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        log.WriteLine($"profile: perf record (pid {perf?.Id}) of the measured phase into {output}");
        return new CpuProfile(perf);
    }

    public async ValueTask DisposeAsync()
    {
        if (_perf is null)
        {
            return;
        }
        // SIGINT makes perf write its file and exit; Kill would lose it.
        using (var interrupt = Process.Start("kill", ["-INT", _perf.Id.ToString()]))
        {
            await interrupt.WaitForExitAsync();
        }
        await _perf.WaitForExitAsync();
        _perf.Dispose();
    }
}
