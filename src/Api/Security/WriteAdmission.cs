using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using EduInfo.Api.Problems;
using EduInfo.Domain.Admission;

namespace EduInfo.Api.Security;

/// <summary>Settings of <see cref="WriteAdmission"/> (configuration section <c>Admission</c>; see docs/operations.md).</summary>
public sealed class AdmissionOptions
{
    /// <summary>Journal writes processed at once, across all users; 0 turns admission control off.</summary>
    public int MaxConcurrentWrites { get; set; } = 16;

    /// <summary>Writes that may wait for a free slot; one more is refused at once.</summary>
    public int QueueLimit { get; set; } = 32;

    /// <summary>How long a queued write waits for a slot before it is refused.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The Retry-After of a refusal, in seconds (the least one when refusals are spread).</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// Gives each refusal the next free turn at the rate writes are taken (<see cref="EduInfo.Domain.Admission.RetrySchedule"/>)
    /// instead of the same Retry-After to all, so a crowd refused together does not come back together.
    /// </summary>
    public bool SpreadRetries { get; set; }

    /// <summary>The longest Retry-After a spread refusal is given, in seconds.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;
}

/// <summary>The writes that share one admission: the journal's, and the filings of e-service applications.</summary>
public enum AdmissionPool
{
    Journal = 1,
    /// <summary>Filings of applications: when a window opens a whole city applies at once; shed apart from the journal.</summary>
    Filings = 2,
}

/// <summary>Marks an endpoint as a write that passes the <see cref="WriteAdmission"/> of its pool.</summary>
public sealed class WriteAdmissionMetadata
{
    public static readonly WriteAdmissionMetadata Journal = new(AdmissionPool.Journal);
    public static readonly WriteAdmissionMetadata Filings = new(AdmissionPool.Filings);

    private WriteAdmissionMetadata(AdmissionPool pool) => Pool = pool;

    public AdmissionPool Pool { get; }
}

/// <summary>
/// Admission control of journal writes across all users: the per-user and per-address rate limits do not stop many
/// users at once. At most <see cref="AdmissionOptions.MaxConcurrentWrites"/> writes run; up to
/// <see cref="AdmissionOptions.QueueLimit"/> more wait, each at most <see cref="AdmissionOptions.QueueTimeout"/>;
/// anything beyond is refused at once with a localized 503 and Retry-After, before its body is read. So what the
/// service holds under overload is bounded by configuration, not by the offered load, and nothing waits for the long
/// request timeout. Reads (dashboards, diaries) do not pass here and stay live while writes are shed. Each
/// <see cref="AdmissionPool"/> has its own admission: an opening minute of filings is shed without shedding the journal.
/// </summary>
public sealed class WriteAdmission : IDisposable
{
    public const string MeterName = "EduInfo.Admission";

    private readonly AdmissionPool _pool;

    private readonly ConcurrencyLimiter? _limiter;
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _decisions;
    private readonly RetrySchedule? _schedule;
    // The schedule's clock: a monotonic one (turns are intervals, not dates).
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _running;
    private int _peakRunning;
    private int _peakQueued;

    public WriteAdmission(AdmissionOptions options, AdmissionPool pool = AdmissionPool.Journal)
    {
        Options = options;
        _pool = pool;
        if (options.MaxConcurrentWrites > 0 && options.SpreadRetries)
        {
            var least = Math.Max(1, options.RetryAfterSeconds);
            _schedule = new RetrySchedule(options.MaxConcurrentWrites, TimeSpan.FromSeconds(least),
                TimeSpan.FromSeconds(Math.Max(least, options.MaxRetryAfterSeconds)), Random.Shared);
        }
        if (options.MaxConcurrentWrites > 0)
        {
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentWrites,
                QueueLimit = Math.Max(0, options.QueueLimit),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
        // The journal's instruments keep their names (dashboards and alerts use them); the filings' have their own.
        var (name, what) = pool == AdmissionPool.Journal ? ("eduinfo.admission", "Journal writes") : ("eduinfo.admission.filings", "Application filings");
        _decisions = _meter.CreateCounter<long>(pool == AdmissionPool.Journal ? $"{name}.writes" : name,
            description: $"{what} by admission outcome (admitted, queue_full, queue_timeout)");
        // Shed outcomes exported at 0 from the start, so the shed ratio (ops/prometheus) exists before the first shed.
        foreach (var outcome in (string[])["queue_full", "queue_timeout"])
        {
            _decisions.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }
        _meter.CreateObservableGauge($"{name}.running", () => Volatile.Read(ref _running), description: $"{what} running");
        _meter.CreateObservableGauge($"{name}.queued", () => _limiter?.GetStatistics()?.CurrentQueuedCount ?? 0,
            description: $"{what} waiting for a slot");
    }

    public AdmissionOptions Options { get; }

    /// <summary>The most writes that ran at once since start (never above MaxConcurrentWrites when admission is on).</summary>
    public int PeakRunning => Volatile.Read(ref _peakRunning);

    /// <summary>The most writes that waited at once since start (never above QueueLimit when admission is on).</summary>
    public int PeakQueued => Volatile.Read(ref _peakQueued);

    /// <summary>Runs <paramref name="next"/> when a slot is free (after a bounded wait), else answers a 503 at once.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_limiter is null || context.GetEndpoint()?.Metadata.GetMetadata<WriteAdmissionMetadata>()?.Pool != _pool)
        {
            await next(context);
            return;
        }
        using var slot = await EnterAsync(context.RequestAborted);
        if (slot is null)
        {
            await RefuseAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Takes a slot (after the bounded wait), or null when refused, counted with its reason; the slot is given back when
    /// disposed. For a write that answers a refusal its own way (a page's form sends the parent back with a notice).
    /// </summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken requestAborted)
    {
        if (_limiter is null)
        {
            return new Slot(this, null);
        }
        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            lease = await WaitAsync(requestAborted);
        }
        if (!lease.IsAcquired)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", lease is TimedOut ? "queue_timeout" : "queue_full"));
            lease.Dispose();
            return null;
        }
        _decisions.Add(1, new KeyValuePair<string, object?>("outcome", "admitted"));
        Raise(ref _peakRunning, Interlocked.Increment(ref _running));
        return new Slot(this, lease);
    }

    /// <summary>The Retry-After of a refusal now: the next free turn when refusals are spread, else the configured one.</summary>
    public int RetryAfterSeconds() =>
        _schedule?.RetryAfterSeconds(DateTimeOffset.UnixEpoch + Stopwatch.GetElapsedTime(_started)) ?? Math.Max(1, Options.RetryAfterSeconds);

    /// <summary>A slot taken: gives the lease back once, and tells the schedule how long the write ran.</summary>
    private sealed class Slot(WriteAdmission owner, RateLimitLease? lease) : IDisposable
    {
        private readonly long _admitted = Stopwatch.GetTimestamp();
        private int _disposed;

        public void Dispose()
        {
            if (lease is null || Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            owner._schedule?.Finished(Stopwatch.GetElapsedTime(_admitted));
            Interlocked.Decrement(ref owner._running);
            lease.Dispose();
        }
    }

    /// <summary>Queues for a slot for at most QueueTimeout; a failed lease when the queue is full or the wait runs out.</summary>
    private async Task<RateLimitLease> WaitAsync(CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(Options.QueueTimeout);
        try
        {
            var pending = _limiter!.AcquireAsync(1, timeout.Token);
            if (!pending.IsCompleted)
            {
                // Queued (a full queue answers at once): the limiter's own count, so the peak is what it really held.
                Raise(ref _peakQueued, (int)(_limiter.GetStatistics()?.CurrentQueuedCount ?? 0));
            }
            return await pending;
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return TimedOut.Instance;
        }
    }

    private async Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds().ToString(CultureInfo.InvariantCulture);
        await LocalizedProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "overloaded",
            "problem.overloaded.title", "problem.overloaded.detail").ExecuteAsync(context);
    }

    private static void Raise(ref int peak, int value)
    {
        for (var seen = Volatile.Read(ref peak); value > seen; seen = Volatile.Read(ref peak))
        {
            if (Interlocked.CompareExchange(ref peak, value, seen) == seen)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _limiter?.Dispose();
        _meter.Dispose();
    }

    /// <summary>A refused lease for a write whose wait ran out.</summary>
    private sealed class TimedOut : RateLimitLease
    {
        public static readonly TimedOut Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

public static class WriteAdmissionExtensions
{
    public static WebApplicationBuilder AddEduInfoWriteAdmission(this WebApplicationBuilder builder)
    {
        var journal = builder.Configuration.GetSection("Admission").Get<AdmissionOptions>() ?? new AdmissionOptions();
        // Filings: a few run at once (each is one short transaction), a deeper queue, a longer Retry-After, refusals spread;
        // what is configured replaces these one setting at a time.
        var filings = new AdmissionOptions { MaxConcurrentWrites = 8, QueueLimit = 64, QueueTimeout = TimeSpan.FromSeconds(1), RetryAfterSeconds = 5, SpreadRetries = true };
        builder.Configuration.GetSection("Admission:Filings").Bind(filings);
        builder.Services.AddSingleton(_ => new WriteAdmission(journal));
        builder.Services.AddKeyedSingleton(AdmissionPool.Filings, (_, _) => new WriteAdmission(filings, AdmissionPool.Filings));
        return builder;
    }

    /// <summary>After authentication and authorization: only signed-in callers take a slot or a queue place.</summary>
    public static WebApplication UseEduInfoWriteAdmission(this WebApplication app)
    {
        var journal = app.Services.GetRequiredService<WriteAdmission>();
        var filings = app.Services.GetRequiredKeyedService<WriteAdmission>(AdmissionPool.Filings);
        app.Use((context, next) => journal.InvokeAsync(context, next));
        app.Use((context, next) => filings.InvokeAsync(context, next));
        return app;
    }

    /// <summary>Puts endpoints behind the journal write admission (and says so in the OpenAPI document: a possible 503).</summary>
    public static TBuilder RequireWriteAdmission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAdmission(AdmissionPool.Journal);

    public static TBuilder RequireAdmission<TBuilder>(this TBuilder builder, AdmissionPool pool) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(pool == AdmissionPool.Journal ? WriteAdmissionMetadata.Journal : WriteAdmissionMetadata.Filings,
            new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}
