using System.Collections.Concurrent;
using System.Net.Http.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// Teachers' apps under faults: concurrent clients post mark batches and roll-calls, keep a log of the entry ids
/// acknowledged (a 200), and on a 5xx, a timeout or a refused connection retry the same request with the same entry
/// ids for a while, as a real app would. Any other answer is a refusal that the test reports.
/// </summary>
public sealed class JournalLoad(Uri api, IReadOnlyList<DemoRegistry.Teaching> teachings, IReadOnlyList<DateOnly> schoolDays, int seed) : IDisposable
{
    private static readonly string[] Codes = ["unexcused", "excused", "sick", "late"];

    // A teacher's app waits up to 35 s for an answer: longer than Orleans' 30 s response timeout, so a stall there is seen as one.
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(35) };
    private readonly Random _random = new(seed);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConcurrentQueue<(int Writer, TimeSpan At)> _acknowledgedAt = new();
    private readonly HashSet<(string ClassId, string Subject, DateOnly Date, int Period)> _lessons = [];
    private readonly List<(string ClassId, string Actor, long Sequence)> _correctable = [];
    private readonly ConcurrentQueue<Guid> _acknowledged = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private MarkAcknowledgement? _lastMarks;
    private int _gaveUp;
    private int _corrections;

    /// <summary>How long one request is retried before the app gives up on it (long enough to outlast each fault).</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(90);

    public IReadOnlyCollection<Guid> Acknowledged => _acknowledged;
    public int AcknowledgedCount => _acknowledged.Count;
    public int GaveUp => _gaveUp;

    /// <summary>Corrections acknowledged.</summary>
    public int Corrections => _corrections;

    /// <summary>Failed attempts that were retried, by kind ("503", "timeout", "connection", "500"...).</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    /// <summary>Every HTTP attempt: when it ended, how long it took, its outcome ("200", "503", "timeout"...).</summary>
    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    /// <summary>The newest acknowledged mark batch: its class, its highest journal sequence and when it was acknowledged.</summary>
    public MarkAcknowledgement? LastMarks => Volatile.Read(ref _lastMarks);

    /// <summary>Answers that are neither an acknowledgement nor retryable: none are expected.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Time since the load was created: the clock of <see cref="LongestGap"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// The longest time in [<paramref name="from"/>, <paramref name="to"/>] without any acknowledgement, counted from
    /// <paramref name="from"/> to the first acknowledgement, between acknowledgements, and from the last one to <paramref name="to"/>.
    /// </summary>
    public TimeSpan LongestGap(TimeSpan from, TimeSpan to) => LongestGap(_acknowledgedAt.Select(a => a.At), from, to);

    /// <summary>The longest one writer (one teacher's app) went without an acknowledgement in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public TimeSpan LongestWriterGap(TimeSpan from, TimeSpan to) =>
        _acknowledgedAt.Where(a => a.Writer >= 0).GroupBy(a => a.Writer).Select(w => LongestGap(w.Select(a => a.At), from, to)).DefaultIfEmpty(to - from).Max();

    /// <summary>The attempts that ended in [<paramref name="from"/>, <paramref name="to"/>], by outcome: how many, and the longest one took.</summary>
    public string DescribeAttempts(TimeSpan from, TimeSpan to) =>
        string.Join(", ", _attempts.Where(a => a.End >= from && a.End <= to).GroupBy(a => a.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ×{g.Count()} (longest {g.Max(a => a.Took).TotalSeconds:F1} s)"));

    private static TimeSpan LongestGap(IEnumerable<TimeSpan> acknowledged, TimeSpan from, TimeSpan to)
    {
        var longest = TimeSpan.Zero;
        var previous = from;
        foreach (var at in acknowledged.Where(t => t >= from && t <= to).Order())
        {
            longest = at - previous > longest ? at - previous : longest;
            previous = at;
        }
        return to - previous > longest ? to - previous : longest;
    }

    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(async writer =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SendUntilAcknowledgedAsync(NextRequest(), writer);
            }
        }));

    /// <summary>One request, retried with the same entry ids until acknowledged, refused or <see cref="RetryFor"/> has passed.</summary>
    public async Task<bool> SendUntilAcknowledgedAsync(JournalRequest request, int writer = -1)
    {
        var retrying = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (outcome, body) = await TryOnceAsync(request);
            if (outcome == "200")
            {
                Remember(request, body);
                if (request.Kind == RequestKind.Correction)
                {
                    Interlocked.Increment(ref _corrections);
                }
                _acknowledgedAt.Enqueue((writer, _clock.Elapsed));
                foreach (var id in request.EntryIds)
                {
                    _acknowledged.Enqueue(id);
                }
                return true;
            }
            if (outcome.StartsWith('4'))
            {
                Refusals.Enqueue($"{request.Path}: {outcome}");
                return false;
            }
            Failures.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (retrying.Elapsed > RetryFor)
            {
                Interlocked.Increment(ref _gaveUp);
                return false;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>The marks of an acknowledged batch become candidates for a later correction (by their sequence numbers).</summary>
    private void Remember(JournalRequest request, string body)
    {
        if (request.Kind != RequestKind.Marks)
        {
            return;
        }
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        var highest = 0L;
        lock (_random)
        {
            foreach (var entry in answer.RootElement.GetProperty("entries").EnumerateArray())
            {
                var sequence = entry.GetProperty("sequence").GetInt64();
                highest = Math.Max(highest, sequence);
                _correctable.Add((request.ClassId, request.Actor, sequence));
            }
        }
        Volatile.Write(ref _lastMarks, new MarkAcknowledgement(request.ClassId, highest, _clock.Elapsed));
    }

    private async Task<(string Outcome, string Body)> TryOnceAsync(JournalRequest request)
    {
        var started = _clock.Elapsed;
        var result = await SendOnceAsync(request);
        _attempts.Enqueue(new(_clock.Elapsed, _clock.Elapsed - started, result.Outcome));
        return result;
    }

    private async Task<(string Outcome, string Body)> SendOnceAsync(JournalRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = JsonContent.Create(request.Body) };
        message.Headers.Add(HttpExtensions.ActorHeader, request.Actor);
        try
        {
            using var response = await _http.SendAsync(message);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            return (status switch
            {
                200 => "200",
                // Both are retryable 503s with Retry-After: the cluster unavailable, or the write admission shedding
                // while the database restarts and writes queue up (docs/operations.md).
                503 when response.Headers.RetryAfter is not null && body.Contains("/problems/unavailable", StringComparison.Ordinal) => "503",
                503 when response.Headers.RetryAfter is not null && body.Contains("/problems/overloaded", StringComparison.Ordinal) => "503 overloaded",
                503 => $"503 without Retry-After or problem: {(body.Length > 120 ? body[..120] : body)}",
                >= 400 and < 500 => $"{status} {body}",
                _ => status.ToString(),
            }, body);
        }
        catch (TaskCanceledException)
        {
            return ("timeout", "");
        }
        catch (HttpRequestException)
        {
            return ("connection", "");
        }
    }

    /// <summary>
    /// A random mark batch (two in three) or roll-call of one teaching, each lesson slot used once; one request in eight
    /// corrects an acknowledged mark instead (replace or void, by its teacher), so the faults meet superseded rows too.
    /// </summary>
    public JournalRequest NextRequest()
    {
        lock (_random)
        {
            if (_correctable.Count > 0 && _random.Next(8) == 0)
            {
                var index = _random.Next(_correctable.Count);
                var (classId, teacher, sequence) = _correctable[index];
                _correctable[index] = _correctable[^1];
                _correctable.RemoveAt(_correctable.Count - 1);
                var entryId = Guid.NewGuid();
                object correction = _random.Next(3) == 0
                    ? new { entryId, supersedes = sequence, action = "void", reason = "entered twice" }
                    : new { entryId, supersedes = sequence, action = "replace", score = 1 + _random.Next(10), reason = "misread" };
                return new($"/api/v1/classes/{classId}/corrections", teacher, correction, [entryId], RequestKind.Correction, classId);
            }
            while (true)
            {
                var t = teachings[_random.Next(teachings.Count)];
                var date = schoolDays[_random.Next(schoolDays.Count)];
                var actor = $"user={t.TeacherId}; roles=teacher";
                if (_random.Next(3) == 0)
                {
                    var period = 1 + _random.Next(8);
                    if (!_lessons.Add((t.ClassId, t.SubjectId, date, period)))
                    {
                        continue;
                    }
                    var absentees = t.Roster.Where(_ => _random.NextDouble() < 0.15)
                        .Select(s => new { studentId = s, code = Codes[_random.Next(Codes.Length)] }).ToArray();
                    var lesson = new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date, period, absentees };
                    return new($"/api/v1/classes/{t.ClassId}/lessons", actor, new { entries = new[] { lesson } }, [lesson.entryId], RequestKind.Lessons, t.ClassId);
                }
                var marks = t.Roster.Where(_ => _random.NextDouble() < 0.5)
                    .Select(s => new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date, kind = "formative", score = 1 + _random.Next(10) })
                    .ToArray();
                if (marks.Length > 0)
                {
                    return new($"/api/v1/classes/{t.ClassId}/marks", actor, new { entries = marks }, marks.Select(m => m.entryId).ToArray(), RequestKind.Marks, t.ClassId);
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();

    public enum RequestKind { Marks, Lessons, Correction }

    /// <summary>One HTTP attempt, on the clock of <see cref="Elapsed"/>.</summary>
    public sealed record Attempt(TimeSpan End, TimeSpan Took, string Outcome);

    /// <summary>An acknowledged mark batch, on the clock of <see cref="Elapsed"/>: its class shows it once the class's version reaches <paramref name="Sequence"/>.</summary>
    public sealed record MarkAcknowledgement(string ClassId, long Sequence, TimeSpan At);

    public sealed record JournalRequest(string Path, string Actor, object Body, Guid[] EntryIds, RequestKind Kind, string ClassId);
}
