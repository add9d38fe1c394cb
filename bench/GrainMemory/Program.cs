using EduInfo.Bench.GrainMemory;

// bench/grain-memory.sh runs it over a benchmark country (ConnectionStrings__EduInfo):
//   warm                    activate the whole country once and stop gracefully (the roll-up cache and ledger snapshots written)
//   measure [students=50000] bytes per activation of each kind of grain, idle collection off
// GRAIN_MEMORY_HOLD=<file>: after measuring, the silo stays up until that file exists (time to take a heap dump:
//   dotnet-gcdump collect -p <the pid printed>).
var mode = args.FirstOrDefault() ?? "measure";
var students = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
await using var silo = await MeasuredSilo.StartAsync();
if (mode == "warm")
{
    await silo.WarmAsync();
    silo.StopGracefully = true;
}
else
{
    await new GrainMemoryRun(silo).RunAsync(students);
    if (Environment.GetEnvironmentVariable("GRAIN_MEMORY_HOLD") is { Length: > 0 } hold)
    {
        Console.WriteLine($"holding: pid {Environment.ProcessId} until {hold} exists");
        while (!File.Exists(hold))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
