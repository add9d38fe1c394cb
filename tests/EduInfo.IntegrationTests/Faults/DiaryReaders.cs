using System.Collections.Concurrent;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// Parents' apps under faults: concurrent readers open random students' diaries while the journal is written, so
/// student grains are loaded and live (they count the rows their classes send) when a silo dies. A failed read
/// (a 503, a timeout) is simply tried again later; the students read at least once are those the test checks.
/// </summary>
public sealed class DiaryReaders(Uri api, IReadOnlyList<DemoRegistry.Teaching> teachings, int seed) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(35) };
    private readonly Random _random = new(seed);
    private readonly ConcurrentDictionary<string, string> _loaded = new(StringComparer.Ordinal);

    /// <summary>Students whose diary answered 200 at least once, with an actor allowed to read it (their teacher).</summary>
    public IReadOnlyDictionary<string, string> Loaded => _loaded;

    public int Reads { get; private set; }

    public Task RunAsync(int readers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                string student, actor;
                lock (_random)
                {
                    var t = teachings[_random.Next(teachings.Count)];
                    student = t.Roster[_random.Next(t.Roster.Length)];
                    actor = $"user={t.TeacherId}; roles=teacher";
                }
                try
                {
                    if ((await _http.GetJsonAsync($"/api/v1/students/{student}/diary", actor)).Status == 200)
                    {
                        _loaded.TryAdd(student, actor);
                        Reads++;
                    }
                }
                catch (Exception ex) when (ex is TaskCanceledException or HttpRequestException)
                {
                    // A fault: read again later.
                }
                await Task.Delay(20, CancellationToken.None);
            }
        }));

    public void Dispose() => _http.Dispose();
}
