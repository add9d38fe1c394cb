using EduInfo.Domain.Calendar;
using EduInfo.Domain.Notifications;
using EduInfo.Storage.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EduInfo.Hosting.Notifications;

/// <summary>
/// Sends the outbox (issue 22): every poll, claims due rows with a lease (another silo's dispatcher skips them), holds a
/// message due within its recipient's quiet hours until they end, sends the rest, and records each as sent, to be tried
/// again (1, 2, 4 … minutes, at most an hour apart) or given up. A message is sent once: only a crash between the send
/// and its record resends it, after the lease, under the same Message-ID. Logs carry the row's id and the channel,
/// never an address or a text.
/// </summary>
public sealed class NotificationDispatcher(DeliveryStore store, IEnumerable<INotificationSender> senders, MessageRenderer renderer,
    IKazakhstanClock clock, IOptions<NotificationOptions> options, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<DeliveryChannel, INotificationSender> _senders = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
                while (await DispatchDueAsync(stoppingToken) == options.Value.BatchSize)
                {
                    // a full batch: more may be due
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Notification outbox poll failed ({Error}); the next poll retries", ex.GetType().Name);
            }
        }
    }

    /// <summary>One pass over the due rows; the number claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimDueAsync(clock.UtcNow, options.Value.Lease, options.Value.BatchSize, cancellationToken);
        foreach (var message in claimed)
        {
            await DispatchAsync(message, cancellationToken);
        }
        return claimed.Count;
    }

    private async Task DispatchAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (message.Quiet.NextAllowed(now) is var allowed && allowed > now)
        {
            await store.PostponeAsync(message.Id, allowed, cancellationToken);
            return;
        }
        try
        {
            var sender = _senders.GetValueOrDefault(message.Channel) ?? throw new DeliveryFailure("no-sender", permanent: false);
            await sender.SendAsync(message.Id, message.Address, await renderer.RenderAsync(message, cancellationToken), cancellationToken);
            await store.MarkSentAsync(message.Id, clock.UtcNow, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = ex as DeliveryFailure;
            var code = failure?.Code ?? ex.GetType().Name;
            var attempts = message.Attempts + 1;
            var next = DeliveryRetry.NextAttempt(attempts, clock.UtcNow, failure?.Permanent ?? false);
            await store.MarkFailedAsync(message.Id, clock.UtcNow, next, code, CancellationToken.None);
            logger.LogWarning("Notification {OutboxId} by {Channel} not sent ({Error}, attempt {Attempt}); {Outcome}", message.Id, message.Channel, code,
                attempts, next is null ? "given up" : "tried again later");
        }
    }
}

/// <summary>Registers the outbox's dispatcher and senders, and the journal's feed of notices, on a silo.</summary>
public static class NotificationHosting
{
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Notifications"));
        services.TryAddSingleton<ISmsGateway, UnconfiguredSmsGateway>();
        services.AddSingleton<INotificationSender, SmtpEmailSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddSingleton<MessageRenderer>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(s => s.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<JournalFeed>();
        services.AddHostedService(s => s.GetRequiredService<JournalFeed>());
        return services;
    }
}
