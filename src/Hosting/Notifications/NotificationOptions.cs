namespace EduInfo.Hosting.Notifications;

/// <summary>Settings of the e-mail and SMS outbox (configuration section <c>Notifications</c>; docs/e-services.md).</summary>
public sealed class NotificationOptions
{
    /// <summary>The site's public address, put before a message's link (a message names no person: its link is the way in).</summary>
    public string PublicBaseUrl { get; set; } = "https://eduinfo.kz";

    /// <summary>How often a silo looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed message is another dispatcher's to skip; a dispatcher that died mid-send frees it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>How often a silo's journal feed looks for new journal rows to tell parents of (also the grace a row's writer gets to take its transaction id).</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many journal sequence numbers one pass of the feed covers at most (one transaction).</summary>
    public long FeedSpan { get; set; } = 20_000;

    /// <summary>Every how many polls the feed rechecks its recent segments for rows written late (a writer that stalled).</summary>
    public int FeedRecheckEvery { get; set; } = 15;

    /// <summary>How many polls back the recheck reads: a writer stalled longer than this many intervals is still missed.</summary>
    public int FeedRecheckPolls { get; set; } = 30;

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The mail relay. Without a host, e-mail is not sent: messages wait in the outbox until one is configured.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls (required), StartTlsWhenAvailable, SslOnConnect, Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTls";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "EduInfo <noreply@eduinfo.kz>";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
