using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace EduInfo.Tools.Benchmark;

/// <summary>How an open dashboard refreshes on a pushed version: the whole page again (before issue 16's shared views), or the shared section.</summary>
public enum RefreshMode { Page, Fragment }

/// <summary>
/// One open dashboard as its module behaves (dashboard.js): follows the node's live stream and, on a version newer than
/// the one shown, fetches the view again two seconds later, at most one fetch at a time. <see cref="RefreshMode.Page"/>
/// fetches <c>/nodes/{id}</c> (a render per viewer), <see cref="RefreshMode.Fragment"/> fetches
/// <c>/nodes/{id}/view?v=</c> (a render per version, shared). Records each fetch's end and duration.
/// </summary>
public sealed partial class LiveRefreshViewer(string nodeId, RefreshMode mode)
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private readonly List<(double AtMs, double Ms, int Bytes)> _fetches = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _wanted, _shown;
    private Task _refreshing = Task.CompletedTask;

    /// <summary>Each fetch's end (on the run's clock), its duration in ms and its body's length (read once the view ended).</summary>
    public IReadOnlyList<(double AtMs, double Ms, int Bytes)> Fetches => _fetches;

    /// <summary>Completes at the first summary event (the stream is open).</summary>
    public Task Opened => _first.Task;

    public string? Failure { get; private set; }

    public async Task RunAsync(HttpClient http, string token, Func<double> nowMs, CancellationToken stop)
    {
        try
        {
            await foreach (var version in LiveEvents.VersionsAsync(http, nodeId, token, stop))
            {
                if (!_first.Task.IsCompleted)
                {
                    _shown = version; // the page was loaded at this version
                    _first.TrySetResult();
                    continue;
                }
                _wanted = Math.Max(_wanted, version);
                if (_refreshing.IsCompleted && _wanted > _shown)
                {
                    _refreshing = RefreshAsync(http, token, nowMs, stop);
                }
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
            _first.TrySetResult();
            await _refreshing; // never throws: the fetches are complete when the view is
        }
    }

    /// <summary>After the module's pause, fetches the view and takes the version it shows; again while a newer one is wanted.</summary>
    private async Task RefreshAsync(HttpClient http, string token, Func<double> nowMs, CancellationToken stop)
    {
        try
        {
            await RefreshUntilShownAsync(http, token, nowMs, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped mid-fetch: not a fetch
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Failure = "refresh: " + e.GetType().Name;
        }
    }

    private async Task RefreshUntilShownAsync(HttpClient http, string token, Func<double> nowMs, CancellationToken stop)
    {
        while (_wanted > _shown && !stop.IsCancellationRequested)
        {
            await Task.Delay(Pause, stop);
            var path = mode == RefreshMode.Page
                ? $"/nodes/{nodeId}?lang=kk"
                : string.Create(CultureInfo.InvariantCulture, $"/nodes/{nodeId}/view?lang=kk&v={_wanted}");
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, stop);
            var html = await response.Content.ReadAsStringAsync(stop);
            if (!response.IsSuccessStatusCode || ShownVersion().Match(html) is not { Success: true } shown)
            {
                Failure = $"refresh: HTTP {(int)response.StatusCode}";
                return;
            }
            _fetches.Add((nowMs(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, html.Length));
            _shown = Math.Max(_shown, long.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex("<section id=\"dashboard\" data-version=\"([0-9]+)\"")]
    private static partial Regex ShownVersion();
}
