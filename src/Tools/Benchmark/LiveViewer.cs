namespace EduInfo.Tools.Benchmark;

/// <summary>
/// One dashboard's live view of a node (<c>GET /nodes/{id}/live</c>): records when each summary event arrived and its
/// version (the event id). The payload is not parsed: the viewer measures delivery, not the client's JSON work.
/// </summary>
public sealed class LiveViewer(string nodeId)
{
    private readonly List<LiveFreshness.Arrival> _arrivals = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _highest = long.MinValue;

    public string NodeId => nodeId;

    /// <summary>The summary events received (read once <see cref="RunAsync"/> has ended).</summary>
    public IReadOnlyList<LiveFreshness.Arrival> Arrivals => _arrivals;

    /// <summary>The highest version received so far (readable while the view runs).</summary>
    public long HighestVersion => Volatile.Read(ref _highest);

    /// <summary>Completes at the first summary event (the current summary, sent when the stream opens).</summary>
    public Task Opened => _first.Task;

    /// <summary>Why the view ended before it was stopped (a refusal, a dropped connection, the server ending it), or null.</summary>
    public string? Failure { get; private set; }

    public async Task RunAsync(HttpClient http, string token, Func<double> nowMs, CancellationToken stop)
    {
        try
        {
            await foreach (var version in LiveEvents.VersionsAsync(http, nodeId, token, stop))
            {
                _arrivals.Add(new LiveFreshness.Arrival(nowMs(), version));
                Volatile.Write(ref _highest, Math.Max(_highest, version));
                _first.TrySetResult();
            }
            Failure = "ended by the server";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped: the measurement is over
        }
        catch (LiveRefusedException e)
        {
            Failure = e.Message;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Failure = e.GetType().Name;
        }
        finally
        {
            _first.TrySetResult(); // a failed view does not hold up the others
        }
    }
}
