using EduInfo.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EduInfo.Hosting.Notifications;

/// <summary>
/// E-mail through the configured relay (MailKit): a plain-text message, its Message-ID made from the outbox row so a
/// resend after a crash between the send and its record is the same message to the recipient's mail system.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<NotificationOptions> options) : INotificationSender
{
    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task SendAsync(long outboxId, string address, RenderedMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new DeliveryFailure("smtp-not-configured", permanent: false);
        }
        var mail = new MimeMessage { Subject = message.Subject, MessageId = $"outbox-{outboxId}@eduinfo.kz" };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Body = new TextPart("plain") { Text = $"{message.Text}\n\n{message.Link}\n" };
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException refused)
        {
            // 5xx on the recipient is for good (no such mailbox); 4xx and the rest may pass later.
            var permanent = refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)refused.StatusCode >= 500;
            throw new DeliveryFailure($"smtp-{(int)refused.StatusCode}", permanent, refused);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new DeliveryFailure($"smtp-{ex.GetType().Name}", permanent: false, ex);
        }
    }
}
