using EduInfo.Api.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// The Api's idempotent grain calls after a silo loss: an attempt a surviving gateway forwarded into the lost silo gets no
/// answer until Orleans' 30 s timeout, so within the retry window an unanswered attempt is abandoned and resent; outside
/// it a slow answer is waited for, and the request's budget still bounds the retries.
/// </summary>
public sealed class ClusterCallsTests
{
    // The budget is wide: on a loaded machine a 100 ms timeout may fire seconds late, and the resend must still be in it.
    private static readonly ClusterCallOptions Options = new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(100),
        RequestBudget = TimeSpan.FromSeconds(20),
        Backoff = TimeSpan.FromMilliseconds(10),
    };

    private static (ClusterCalls Calls, SiloLossSignal Signal) Create(ClusterCallOptions? options = null)
    {
        var signal = new SiloLossSignal(NullLogger<SiloLossSignal>.Instance, watching: true);
        return (new ClusterCalls(signal, options ?? Options, NullLogger<ClusterCalls>.Instance), signal);
    }

    private static void LoseASilo(SiloLossSignal signal) => signal.NotifyGatewayCountChanged(1, 2, connectionRecovered: false);

    [Fact]
    public async Task After_a_silo_loss_an_attempt_without_an_answer_is_resent_and_the_resend_answers()
    {
        var (calls, signal) = Create();
        LoseASilo(signal);

        // Without the resend the first attempt is waited for until the client gives up (here after 30 s): a cancellation, not 42.
        var (answer, attempts) = await FirstAttemptLostThenAnswered(calls);

        Assert.Equal(42, answer);
        Assert.Equal(2, attempts);
    }

    /// <summary>A call whose first attempt went into the dead silo (no answer, ever) and whose resend answers 42.</summary>
    private static async Task<(int Answer, int Attempts)> FirstAttemptLostThenAnswered(ClusterCalls calls)
    {
        var attempts = 0;
        var lostInTheDeadSilo = new TaskCompletionSource<int>();
        using var client = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = await calls.IdempotentAsync(() => ++attempts == 1 ? lostInTheDeadSilo.Task : Task.FromResult(42), client.Token);
        return (answer, attempts);
    }

    [Fact]
    public async Task Without_a_silo_loss_a_slow_answer_is_waited_for_and_not_resent()
    {
        var (calls, _) = Create();
        var attempts = 0;

        var answer = await calls.IdempotentAsync(async () =>
        {
            attempts++;
            await Task.Delay(Options.AttemptTimeout * 3);
            return 7;
        }, CancellationToken.None);

        Assert.Equal(7, answer);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task After_a_silo_loss_attempts_that_never_answer_end_in_a_timeout_within_the_budget_not_in_a_wait_for_ever()
    {
        var (calls, signal) = Create(new ClusterCallOptions { AttemptTimeout = Options.AttemptTimeout, RequestBudget = TimeSpan.FromSeconds(1), Backoff = Options.Backoff });
        LoseASilo(signal);

        // A client that gives up after 30 s would end it with a cancellation: the timeout must come first, from the budget
        // (how many attempts fit in it depends on the machine's load, so it is not counted).
        using var client = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<TimeoutException>(() => calls.IdempotentAsync(() => new TaskCompletionSource<int>().Task, client.Token));
    }

    [Fact]
    public async Task After_a_silo_loss_a_slow_answer_is_reached_because_each_resend_waits_longer()
    {
        // Every attempt answers 3 attempt-timeouts after it is sent: with one fixed wait each copy would be abandoned in
        // turn until the budget ends the request; the n-th attempt's wait of n timeouts reaches the answer.
        var (calls, signal) = Create();
        LoseASilo(signal);

        using var client = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = await calls.IdempotentAsync(async () =>
        {
            await Task.Delay(Options.AttemptTimeout * 3);
            return 7;
        }, client.Token);

        Assert.Equal(7, answer);
    }

    [Fact]
    public async Task An_attempt_started_within_the_retry_window_is_resent_even_if_the_window_ended_while_it_waited()
    {
        // The first attempt starts inside the 2 s window and is given up at 3 s, after the window: it is resent (and the
        // resend, outside the window, is waited for) instead of failing the request.
        var (calls, signal) = Create(new ClusterCallOptions
        {
            RetryWindow = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromSeconds(3), RequestBudget = TimeSpan.FromSeconds(20), Backoff = Options.Backoff,
        });
        LoseASilo(signal);

        var (answer, attempts) = await FirstAttemptLostThenAnswered(calls);

        Assert.Equal(42, answer);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_refusal_whose_backoff_outlasts_the_budget_is_answered_with_a_timeout_and_not_sent_again()
    {
        // The first attempt is refused (a transient failure) and the pause before the next ends after the budget: a
        // second attempt could only time out at once, so none is sent.
        var (calls, signal) = Create(new ClusterCallOptions
        {
            AttemptTimeout = Options.AttemptTimeout, RequestBudget = TimeSpan.FromMilliseconds(300), Backoff = TimeSpan.FromMilliseconds(600),
        });
        LoseASilo(signal);
        var attempts = 0;

        using var client = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<TimeoutException>(() => calls.IdempotentAsync(() =>
        {
            attempts++;
            return Task.FromException<int>(new TimeoutException("refused"));
        }, client.Token));

        Assert.Equal(1, attempts);
    }
}
