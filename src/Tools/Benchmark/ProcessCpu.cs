using System.Globalization;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Processor time of processes read from /proc (Linux): the system under test, PostgreSQL and the load generator are
/// told apart by command line. Sampled at the start and end of a phase; the difference over the wall time is the
/// number of cores a component kept busy.
/// </summary>
public sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Processor seconds per process id (with its component) at one moment (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public sealed record Sample(long At, IReadOnlyDictionary<int, (string Component, double Seconds)> Processes, double MachineBusySeconds);

    private readonly IReadOnlyDictionary<string, Func<string, bool>> _components;

    public ProcessCpu(IReadOnlyDictionary<string, Func<string, bool>> components) => _components = components;

    public Sample Take()
    {
        var processes = new Dictionary<int, (string, double)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var component = _components.FirstOrDefault(c => c.Value(commandLine)).Key;
                if (component is null)
                {
                    continue;
                }
                // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                processes[pid] = (component, (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return new Sample(System.Diagnostics.Stopwatch.GetTimestamp(), processes, MachineBusy());
    }

    /// <summary>
    /// Cores busy per component between two samples, process by process: a process started meanwhile counts from zero, and
    /// one that ended meanwhile is not counted (its last seconds cannot be read). Summing per component instead would let
    /// a PostgreSQL backend that ended (a pooled connection closed) cancel out the work of the others.
    /// </summary>
    public IReadOnlyDictionary<string, double> Cores(Sample from, Sample to)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        var cores = _components.Keys.ToDictionary(k => k, _ => 0.0);
        foreach (var (pid, (component, seconds)) in to.Processes)
        {
            var before = from.Processes.TryGetValue(pid, out var earlier) && earlier.Component == component ? earlier.Seconds : 0;
            cores[component] += Math.Max(0, seconds - before) / wall;
        }
        cores["machine"] = (to.MachineBusySeconds - from.MachineBusySeconds) / wall;
        return cores;
    }

    /// <summary>Resident memory of the first process whose command line matches, in bytes.</summary>
    public static long ResidentBytes(Func<string, bool> match)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(directory), out _) || !match(File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')))
                {
                    continue;
                }
                var line = File.ReadLines(Path.Combine(directory, "status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
            }
        }
        return 0;
    }

    private static double MachineBusy()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        return (cpu.Sum() - cpu[3] - cpu[4]) / TicksPerSecond;
    }
}
