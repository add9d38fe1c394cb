using EduInfo.Domain.Notifications;

namespace EduInfo.Hosting.Notifications;

/// <summary>A message as the recipient reads it: a subject, a text (a status and a link, never a person), the link.</summary>
public sealed record RenderedMessage(string Subject, string Text, Uri Link);

/// <summary>A send that did not happen. Permanent: no retry can change it (the server refused the address for good).</summary>
public sealed class DeliveryFailure(string code, bool permanent, Exception? inner = null) : Exception(code, inner)
{
    public string Code { get; } = code;
    public bool Permanent { get; } = permanent;
}

/// <summary>Sends through one channel; throws <see cref="DeliveryFailure"/> (or anything else: treated as transient).</summary>
public interface INotificationSender
{
    DeliveryChannel Channel { get; }

    /// <summary>The outbox row's id makes the message's identity (an e-mail's Message-ID), so a resend after a crash is recognisable.</summary>
    Task SendAsync(long outboxId, string address, RenderedMessage message, CancellationToken cancellationToken);
}

/// <summary>An SMS provider. None is contracted yet: production registers one; tests and Development use their own.</summary>
public interface ISmsGateway
{
    Task SendAsync(string phone, string text, string reference, CancellationToken cancellationToken);
}

/// <summary>No provider configured: SMS wait in the outbox (retried, then given up and counted) rather than vanish.</summary>
internal sealed class UnconfiguredSmsGateway : ISmsGateway
{
    public Task SendAsync(string phone, string text, string reference, CancellationToken cancellationToken) =>
        throw new DeliveryFailure("sms-not-configured", permanent: false);
}

internal sealed class SmsSender(ISmsGateway gateway) : INotificationSender
{
    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public Task SendAsync(long outboxId, string address, RenderedMessage message, CancellationToken cancellationToken) =>
        gateway.SendAsync(address, $"{message.Text} {message.Link}", $"eduinfo-{outboxId}", cancellationToken);
}
