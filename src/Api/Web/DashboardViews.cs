using System.Diagnostics;
using System.Diagnostics.Metrics;
using EduInfo.Api.Contracts;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Web.Components.Shared;
using EduInfo.Domain.Metrics;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace EduInfo.Api.Web;

/// <summary>Settings of the shared dashboard views (configuration section <c>DashboardViews</c>).</summary>
public sealed class DashboardViewOptions
{
    /// <summary>Rendered views (node, term, subject, breakdown, language) kept at once; beyond it the least recently used is dropped.</summary>
    public int MaxViews { get; set; } = 2_000;

    /// <summary>The longest one shared render may take: it belongs to no request, so no viewer's leaving cancels it.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public DashboardViewOptions Validated() =>
        MaxViews < 1 || RenderTimeout <= TimeSpan.Zero
            ? throw new InvalidOperationException("DashboardViews:MaxViews must be at least 1 and RenderTimeout positive.")
            : this;
}

/// <summary>One rendered dashboard section: the summary version it shows and its HTML.</summary>
public sealed record RenderedView(long Version, string Html);

/// <summary>The shared views' figures in this process: how many are kept, their bytes, renders and the requests served without one.</summary>
public sealed record DashboardViewFigures(int Views, int MaxViews, long EstimatedBytes, long Renders, long Hits, long Joins, long Evictions, long Failures);

/// <summary>
/// The dashboard's live refresh, rendered once per version and shared (issue 16): every open dashboard fetches its
/// section again when the live stream announces a newer version, so with a thousand viewers of a district a render
/// per viewer would be hundreds per second. Here each (node, term, subject, language) keeps its latest render; a
/// request for a version at or below it is served from memory, and a newer one starts ONE render that every
/// concurrent request awaits (single flight). The caller has authorized the reader for the node (the cache is after
/// the check, never before it); nothing in the HTML is the reader's. Bounded: the least recently used view is dropped.
/// </summary>
public sealed class DashboardViews : IDisposable
{
    public const string MeterName = "EduInfo.Dashboard";

    /// <summary>The server's clock (ms since 1970) when a fragment is served: the page's "updated N s ago" without baking it into shared HTML.</summary>
    public const string ServerNowHeader = "X-EduInfo-Server-Now";

    private readonly Lock _lock = new();
    private readonly Dictionary<ViewKey, Entry> _entries = [];
    private readonly LinkedList<(ViewKey Key, Entry Entry)> _recency = []; // least recently used first
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<DashboardViews> _logger;
    private readonly Histogram<double> _renderTime;
    private readonly DashboardViewOptions _options;
    private long _renders, _hits, _joins, _evictions, _failures;

    public DashboardViews(IServiceScopeFactory scopes, ILoggerFactory loggers, DashboardViewOptions options, IMeterFactory meters)
    {
        (_scopes, _loggers, _logger, _options) = (scopes, loggers, loggers.CreateLogger<DashboardViews>(), options.Validated());
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("eduinfo.dashboard.views", () => Report().Views, description: "Rendered dashboard views kept");
        meter.CreateObservableGauge("eduinfo.dashboard.cached_bytes", () => Report().EstimatedBytes, "By", "Estimated bytes of the kept views");
        meter.CreateObservableCounter("eduinfo.dashboard.renders", () => Report().Renders, description: "Dashboard sections rendered");
        meter.CreateObservableCounter("eduinfo.dashboard.hits", () => Report().Hits, description: "Requests served from a kept render");
        meter.CreateObservableCounter("eduinfo.dashboard.joins", () => Report().Joins, description: "Requests that awaited a render in flight");
        meter.CreateObservableCounter("eduinfo.dashboard.evictions", () => Report().Evictions, description: "Views dropped by the bound");
        _renderTime = meter.CreateHistogram<double>("eduinfo.dashboard.render_time", "ms", "Time to read and render one section");
    }

    /// <summary>
    /// The node's section for the filter and language, showing version <paramref name="atLeast"/> or newer when the
    /// summary has it. The reader must already be authorized for the node.
    /// </summary>
    public async Task<RenderedView> GetAsync(NodeRecord node, SummaryFilter filter, BreakdownDimension dimension, string language, long atLeast,
        CancellationToken cancellationToken)
    {
        // The breakdown is part of the key: the same node and filter with another dimension is another view.
        var key = new ViewKey(node.Id, filter.Key, dimension, language);
        for (var attempt = 0; ; attempt++)
        {
            Task<RenderedView> pending;
            lock (_lock)
            {
                var entry = Touch(key);
                if (entry.Latest is { } latest && latest.Version >= atLeast)
                {
                    _hits++;
                    return latest;
                }
                if (entry.Pending is null)
                {
                    _renders++;
                    // Not the request's: its context (and cancellation) must not travel into a render others await.
                    using (ExecutionContext.SuppressFlow())
                    {
                        entry.Pending = Task.Run(() => RenderAsync(entry, node, filter, dimension, language));
                    }
                }
                else
                {
                    _joins++;
                }
                pending = entry.Pending;
            }
            var rendered = await pending.WaitAsync(cancellationToken);
            // A render that read the summary before this version existed comes back older: one more, started after it, and no more.
            if (rendered.Version >= atLeast || attempt > 0)
            {
                return rendered;
            }
        }
    }

    public DashboardViewFigures Report()
    {
        lock (_lock)
        {
            var bytes = _entries.Values.Sum(e => e.Latest is { } r ? 64 + 2L * r.Html.Length : 0);
            return new DashboardViewFigures(_entries.Count, _options.MaxViews, bytes, _renders, _hits, _joins, _evictions, _failures);
        }
    }

    /// <summary>The key's entry, created when missing (dropping the least recently used beyond the bound), marked most recently used.</summary>
    private Entry Touch(ViewKey key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            _recency.Remove(entry.Recency!);
            _recency.AddLast(entry.Recency!);
            return entry;
        }
        entry = new Entry();
        _entries.Add(key, entry);
        entry.Recency = _recency.AddLast((key, entry));
        while (_entries.Count > _options.MaxViews && _recency.First is { } oldest)
        {
            // A render still in flight for a dropped view finishes for those awaiting it and is then forgotten.
            _recency.RemoveFirst();
            _entries.Remove(oldest.Value.Key);
            _evictions++;
        }
        return entry;
    }

    private async Task<RenderedView> RenderAsync(Entry entry, NodeRecord node, SummaryFilter filter, BreakdownDimension dimension, string language)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            timeout.CancelAfter(_options.RenderTimeout);
            var rendered = await RenderSectionAsync(node, filter, dimension, language, timeout.Token);
            lock (_lock)
            {
                if (entry.Latest is null || rendered.Version >= entry.Latest.Version)
                {
                    entry.Latest = rendered;
                }
                entry.Pending = null;
            }
            _renderTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return rendered;
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                entry.Pending = null;
                _failures++;
            }
            _logger.LogDebug(ex, "A shared dashboard view failed to render");
            throw;
        }
    }

    /// <summary>Reads and renders the section in a scope of its own, with the texts of <paramref name="language"/> (no request is involved).</summary>
    private async Task<RenderedView> RenderSectionAsync(NodeRecord node, SummaryFilter filter, BreakdownDimension dimension, string language,
        CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var text = WebText.For(language);
        var services = scope.ServiceProvider;
        var data = await DashboardSectionData.ReadAsync(services.GetRequiredService<Dashboard>(), services.GetRequiredService<SubjectNames>(), node, filter,
            dimension, text, cancellationToken);
        await using var renderer = new HtmlRenderer(new WithText(services, text), _loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DashboardSection.Data)] = data });
            return (await renderer.RenderComponentAsync<DashboardSection>(parameters)).ToHtmlString();
        });
        return new RenderedView(data.View.Version, html);
    }

    public void Dispose() => _shutdown.Cancel();

    private readonly record struct ViewKey(string NodeId, SummaryKey Filter, BreakdownDimension Dimension, string Language);

    private sealed class Entry
    {
        public RenderedView? Latest;
        public Task<RenderedView>? Pending;
        public LinkedListNode<(ViewKey Key, Entry Entry)>? Recency;
    }

    /// <summary>The scope's services, but the components' <see cref="WebText"/> is the view's language, not a request's.</summary>
    private sealed class WithText(IServiceProvider services, WebText text) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(WebText) ? text : services.GetService(serviceType);
    }
}
