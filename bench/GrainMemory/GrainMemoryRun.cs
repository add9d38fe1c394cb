using System.Diagnostics;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Bench.GrainMemory;

/// <summary>
/// Memory per kind of grain (issue 26.3): for each kind in turn, the heap after a full compacting collection before
/// and after activating N grains of it, over the activations the step added. Top down, so that a step finds the
/// grains above it already active and adds only its own kind: areas, organizations and classes (each read once, from
/// the roll-up cache and its ledger snapshot as after a warm restart), then N students woken but not loaded (as a
/// write woke them before issue 26.2), then the same students loaded (their figures counted from the journal, as at a
/// first diary read). Every step prints the activations it added by kind, so a step that woke another kind shows.
/// </summary>
public sealed class GrainMemoryRun(MeasuredSilo silo)
{
    private const int Parallelism = 16;

    public async Task RunAsync(int students)
    {
        var areas = await silo.IdsAsync("SELECT id FROM nodes ORDER BY array_length(path, 1), id");
        var organizations = await silo.IdsAsync("SELECT id FROM organizations ORDER BY id");
        var classes = await silo.IdsAsync("SELECT id FROM classes ORDER BY id");
        var all = await silo.IdsAsync("SELECT id FROM students WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = students.id) ORDER BY id");
        // Spread over the country (every k-th), not the first classes' pupils only.
        var chosen = all.Where((_, i) => i % Math.Max(1, all.Count / Math.Max(1, students)) == 0).Take(students).ToList();
        Console.WriteLine($"country: {areas.Count} areas, {organizations.Count} organizations, {classes.Count} classes, {all.Count} enrolled students; measuring {chosen.Count} students");

        var observer = silo.Grains.CreateObjectReference<IStudentObserver>(new NoObserver());
        var heap = await MeasuredSilo.HeapAsync();
        var activations = await silo.ActivationsAsync();
        Console.WriteLine($"start: heap {heap / 1e6:F1} MB, {activations.Values.Sum()} activations");
        (heap, activations) = await HalvesAsync("area", "AreaGrain", areas, id => silo.Grains.GetGrain<IAreaGrain>(id).GetSummary(), heap, activations);
        (heap, activations) = await HalvesAsync("organization", "OrganizationGrain", organizations, id => silo.Grains.GetGrain<IOrganizationGrain>(id).GetSummary(), heap, activations);
        (heap, activations) = await HalvesAsync("class", "ClassGrain", classes, id => silo.Grains.GetGrain<IClassGrain>(id).GetSummary(), heap, activations);
        var beforeStudents = heap;
        (heap, activations) = await HalvesAsync("student unloaded", "StudentGrain", chosen, id => silo.Grains.GetGrain<IStudentGrain>(id).Unwatch(observer), heap, activations);
        // The same grains: what loading adds to an activation (the listening it registers with its class included).
        (heap, _) = await HalvesAsync("student loaded (added)", "StudentGrain", chosen, id => silo.Grains.GetGrain<IStudentGrain>(id).GetFigures(), heap, activations, counted: true);
        Console.WriteLine($"student loaded (whole): {(heap - beforeStudents) / (double)Math.Max(1, chosen.Count):F0} B per activation");
    }

    /// <summary>
    /// A kind in two alternate halves: one-time costs (the stream queues' caches, pools, the directory's tables) land
    /// in the first, so the second is the marginal cost of one more activation; the whole is reported beside.
    /// </summary>
    private async Task<(long Heap, Dictionary<string, int> Activations)> HalvesAsync(string label, string grainClass, IReadOnlyList<string> ids,
        Func<string, Task> activate, long heap, Dictionary<string, int> activations, bool counted = false)
    {
        var start = heap;
        var (first, second) = (ids.Where((_, i) => i % 2 == 0).ToList(), ids.Where((_, i) => i % 2 == 1).ToList());
        (heap, activations) = await StepAsync($"{label}, 1st half", grainClass, first, activate, heap, activations, counted ? first.Count : null);
        (heap, activations) = await StepAsync($"{label}, 2nd half", grainClass, second, activate, heap, activations, counted ? second.Count : null);
        Console.WriteLine($"{label}, whole: N {ids.Count}, {(heap - start) / (double)Math.Max(1, ids.Count):F0} B per activation");
        return (heap, activations);
    }

    private async Task<(long Heap, Dictionary<string, int> Activations)> StepAsync(string label, string grainClass, IReadOnlyList<string> ids,
        Func<string, Task> activate, long heapBefore, Dictionary<string, int> activationsBefore, int? count = null)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) => await activate(id));
        var elapsed = stopwatch.Elapsed;
        var heap = await MeasuredSilo.HeapAsync();
        var activations = await silo.ActivationsAsync();
        var added = activations.Where(a => a.Value != activationsBefore.GetValueOrDefault(a.Key))
            .Select(a => $"{a.Key} {a.Value - activationsBefore.GetValueOrDefault(a.Key):+#;-#;0}").ToList();
        var n = count ?? activations.GetValueOrDefault(grainClass) - activationsBefore.GetValueOrDefault(grainClass);
        Console.WriteLine($"{label}: N {n}, {(heap - heapBefore) / (double)Math.Max(1, n):F0} B per activation, heap {heap / 1e6:F1} MB, {ids.Count / elapsed.TotalSeconds:F0} calls/s; activations added: {string.Join(", ", added)}");
        return (heap, activations);
    }

    private sealed class NoObserver : IStudentObserver
    {
        public Task WatermarkChanged(long watermark) => Task.CompletedTask;
    }
}
