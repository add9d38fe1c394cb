using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace EduInfo.Api.Cluster;

/// <summary>Settings of <see cref="ClusterCalls"/> (configuration section <c>Cluster:Calls</c>; see docs/operations-faults.md).</summary>
public sealed class ClusterCallOptions
{
    /// <summary>After a silo loss, transient failures (the lost silo refusing, a grain not yet moved) are retried this long.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One request retries at most this long, then its failure is answered (a 503 the client retries).</summary>
    public TimeSpan RequestBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The pause between attempts while the cluster moves the lost silo's grains.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Within <see cref="RetryWindow"/> of a silo loss, an attempt without an answer this long (the second twice as long,
    /// and so on, never past the budget) is abandoned and resent: a surviving gateway may have forwarded it to the lost
    /// silo before the survivors declared it dead, and such a call is answered by nothing but Orleans' 30 s response
    /// timeout. The growing wait keeps a call that is merely slow from being sent again and again.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Idempotent grain calls of the Api that survive the loss of a silo: a journal write (its entry ids make a resend a
/// duplicate, never a second row) or a read. A call in flight when a gateway connection closes is abandoned and resent
/// at once instead of waiting out Orleans' 30 s response timeout, and while the cluster moves the lost silo's grains the
/// transient refusals, and attempts left without an answer, are retried within a budget. A client that gives up cancels
/// the wait at once.
/// </summary>
public sealed class ClusterCalls(SiloLossSignal signal, ClusterCallOptions options, ILogger<ClusterCalls> logger)
{
    public async Task<T> IdempotentAsync<T>(Func<Task<T>> call, CancellationToken requestAborted)
    {
        if (!signal.Watching)
        {
            // Nothing to watch in a co-hosted silo; the watch costs the write path (docs/benchmarks.md, issue #13).
            return await call();
        }
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1 && !Within(started))
            {
                // The backoff took the rest of the budget: an attempt now could only time out at once.
                throw new TimeoutException("The cluster did not answer within the request's budget.");
            }
            var lost = signal.NextLoss;
            var recovering = signal.LostWithin(options.RetryWindow);
            var pending = call();
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(lost, requestAborted);
                return await (recovering ? pending.WaitAsync(AttemptWait(attempt, started), either.Token) : pending.WaitAsync(either.Token));
            }
            catch (Exception) when (pending.IsCompletedSuccessfully)
            {
                // The answer came between the end of the wait and here: it is the answer, whatever ended the wait.
                return pending.Result;
            }
            catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
            {
                // Whatever ends the call later (an answer, Orleans' timeout) is nobody's business: the request ends as cancelled.
                Abandon(pending);
                logger.LogInformation("Request cancelled by the client after {Elapsed} ms in the cluster", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                throw;
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && Within(started))
            {
                Abandon(pending);
                logger.LogInformation("A call in flight when a silo was lost is resent (attempt {Attempt})", attempt + 1);
            }
            // An attempt started within the window is retried even if the window ended while it waited.
            catch (Exception ex) when (IsTransient(ex) && (recovering || signal.LostWithin(options.RetryWindow)) && !requestAborted.IsCancellationRequested && Within(started))
            {
                Abandon(pending); // still running when it had no answer in time
                logger.LogInformation("A call refused or unanswered while the cluster recovers a lost silo is retried (attempt {Attempt}): {Error}", attempt + 1, ex.GetType().Name);
                await Task.Delay(options.Backoff, requestAborted);
            }
            catch (TimeoutException) when (!pending.IsCompleted)
            {
                Abandon(pending); // no answer in time and no budget left: the request's failure is answered now
                throw;
            }
        }
    }

    private bool Within(long started) => Stopwatch.GetElapsedTime(started) < options.RequestBudget;

    /// <summary>Attempt n after a loss waits n × <see cref="ClusterCallOptions.AttemptTimeout"/>, at most the budget left.</summary>
    private TimeSpan AttemptWait(int attempt, long started)
    {
        var left = options.RequestBudget - Stopwatch.GetElapsedTime(started);
        var wait = options.AttemptTimeout * attempt;
        return left < wait ? TimeSpan.FromTicks(Math.Max(left.Ticks, 1)) : wait;
    }

    /// <summary>Failures of reaching a grain, not of the call itself: a rejected message, a lost connection, no answer.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    /// <summary>The abandoned call still ends (by its answer or Orleans' timeout): observe it so its failure is not left unobserved.</summary>
    private static void Abandon(Task pending) =>
        _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
