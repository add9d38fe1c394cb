using System.Collections.Concurrent;
using EduInfo.Hosting.Notifications;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>The Api with its silo's outbox sending e-mail to a local relay (<see cref="SmtpListener"/>) and SMS to a fake gateway.</summary>
public sealed class NotificationHost : ApiHost
{
    public SmtpListener Relay { get; } = new();
    public FakeSmsGateway Sms { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Notifications:Smtp:Port"] = Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Smtp:Security"] = "None";
        settings["Notifications:PollInterval"] = "00:00:00.200";
        settings["Notifications:FeedInterval"] = "00:00:00.200";
        // The recheck every second over the last 30 s: a stalled writer's row is found while the test waits.
        settings["Notifications:FeedRecheckEvery"] = "5";
        settings["Notifications:FeedRecheckPolls"] = "150";
        settings["Notifications:PublicBaseUrl"] = "https://eduinfo.example.kz";
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ISmsGateway>(Sms);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }
}

/// <summary>Records each SMS; refuses as many as asked first (a provider's outage).</summary>
public sealed class FakeSmsGateway : ISmsGateway
{
    private int _refusals;

    public ConcurrentQueue<(string Phone, string Text, string Reference)> Sent { get; } = new();

    public void RefuseNext(int times) => Interlocked.Exchange(ref _refusals, times);

    public Task SendAsync(string phone, string text, string reference, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _refusals) >= 0)
        {
            throw new DeliveryFailure("sms-provider-503", permanent: false);
        }
        Sent.Enqueue((phone, text, reference));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Issue 22, the outboxes: a parent gives an e-mail and a phone, and every message of their inbox also goes out by
/// e-mail (MailKit to a real SMTP conversation) and SMS — once each, after a refused attempt too, never within the quiet
/// hours, carrying the state and the link and never the child's name or IIN. Settings refused with localized codes;
/// the audit row names no address; two dispatchers over the same rows send each once.
/// </summary>
public sealed class NotificationDeliveryTests(NotificationHost api) : IClassFixture<NotificationHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private string School(int index) => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).ElementAt(index).Id;

    private string ParentId(int index) => api.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order().ElementAt(index);

    [Fact]
    public async Task Settings_are_the_parents_own_checked_and_audited_without_the_addresses()
    {
        var parent = ApplicationApiTests.Parent(ParentId(2));
        Assert.False((await api.Http.GetJsonAsync("/api/v1/me/notification-channels", parent)).Body.GetProperty("emailOn").GetBoolean());

        var wrong = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels",
            new { email = "not an address", phone = "+1 555 0100", emailOn = true, smsOn = true, quietFrom = "25:00" }, parent, "kk");
        Assert.Equal((400, "email:emailInvalid,phone:phoneInvalid,quietFrom:quietHoursInvalid"), (wrong.Status, ApplicationApiTests.Errors(wrong.Body)));
        Assert.Equal("Қазақстандағы ұялы нөмір керек: +7 7xx xxx xx xx.", wrong.Body.GetProperty("errors")[1].GetProperty("message").GetString());
        var missing = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels", new { smsOn = true }, parent, "ru");
        Assert.Equal((400, "phone:addressMissing"), (missing.Status, ApplicationApiTests.Errors(missing.Body)));
        // A header injection needs a line break: refused as an invalid address.
        var injected = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels",
            new { email = "a@b.kz\r\nBcc: all@evil.example", emailOn = true }, parent);
        Assert.Equal((400, "email:emailInvalid"), (injected.Status, ApplicationApiTests.Errors(injected.Body)));
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels", new { }, $"user=t; roles=teacher@{School(0)}")).Status);

        var saved = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels",
            new { email = " Mother@Example.kz ", phone = "8 (701) 234-56-78", emailOn = true, smsOn = false, quietFrom = "22:00", quietTo = "07:30" }, parent, "ru");
        Assert.True(saved.Status == 204, $"{saved.Status} {saved.Body}");
        var read = (await api.Http.GetJsonAsync("/api/v1/me/notification-channels", parent)).Body;
        Assert.Equal(("Mother@Example.kz", "+77012345678", true, false, "22:00", "07:30", "ru"), (read.GetProperty("email").GetString(), read.GetProperty("phone").GetString(),
            read.GetProperty("emailOn").GetBoolean(), read.GetProperty("smsOn").GetBoolean(), read.GetProperty("quietFrom").GetString(),
            read.GetProperty("quietTo").GetString(), read.GetProperty("language").GetString()));
        var audit = await api.Db.ScalarAsync<string>(
            "SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action = 'notification.channels' AND target_id = @p", ("p", ParentId(2)));
        Assert.Contains("\"emailOn\": true", audit);
        Assert.DoesNotContain("@", audit);
        Assert.DoesNotContain("701", audit);
    }

    [Fact]
    public async Task Each_step_reaches_the_parent_by_email_and_sms_once_after_a_refusal_and_never_in_the_quiet_hours()
    {
        var (school, parentId) = (School(1), ParentId(3));
        var parent = ApplicationApiTests.Parent(parentId);
        var head = $"user=delivery-head; roles=head@{school}";
        var email = $"parent{parentId}@example.kz".ToLowerInvariant();
        // Friday 27 November, 11:00 in Kazakhstan: quiet from 11:00 to 11:30 holds the messages for half an hour.
        var set = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels",
            new { email, phone = "+7 777 000 11 22", emailOn = true, smsOn = true, quietFrom = "11:00", quietTo = "11:30" }, parent, "kk");
        Assert.True(set.Status == 204, $"{set.Status} {set.Body}");

        var (link, certificate, iin) = await ApplicationApiTests.ClaimAsync(api.Http, parentId);
        await ApplicationApiTests.OpenFirstGradeWindowAsync(api.Http);
        var filed = await api.Http.PostJsonAsync("/api/v1/applications",
            new { service = "firstGradeAdmission", childLinkId = link, officeId = school, documents = ApplicationApiTests.FirstGradeDocuments }, parent);
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = certificate }, head)).Status);
        api.Relay.RefuseNext(1);
        api.Sms.RefuseNext(1);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "take" }, head)).Status);

        // Held by the quiet hours: the rows wait until 11:30, nothing went out.
        var held = await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.application_id = @a AND o.next_attempt_at = '2026-11-27 06:30Z'",
            ("a", Guid.Parse(id))), n => n == 2, Patience, "both messages held until the quiet hours end");
        Assert.Equal(2, held);
        Assert.DoesNotContain(api.Relay.Received, m => m.Recipient == email);
        var pinned = api.Time.GetUtcNow();
        try
        {
            // 11:31: the first attempt of each channel is refused (a busy relay, a provider's outage) and tried a minute later.
            api.Time.AdjustTime(pinned.AddMinutes(31));
            await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>(
                "SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.application_id = @a AND o.attempts = 1 AND o.sent_at IS NULL",
                ("a", Guid.Parse(id))), n => n == 2, Patience, "one refused attempt per channel");
            api.Time.AdjustTime(pinned.AddMinutes(33));
            await Eventually.MatchesAsync(() => Task.FromResult(api.Relay.Received.Count(m => m.Recipient == email) + api.Sms.Sent.Count(s => s.Phone == "+77770001122")),
                n => n == 2, Patience, "the e-mail and the SMS sent");
            // Polls go on: still once each.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            api.Time.AdjustTime(pinned);
        }
        var mail = Assert.Single(api.Relay.Received, m => m.Recipient == email).Data;
        var sms = Assert.Single(api.Sms.Sent, s => s.Phone == "+77770001122");
        var expectedLink = $"https://eduinfo.example.kz/applications/{id}";
        Assert.Contains(expectedLink, mail);
        Assert.Contains(expectedLink, sms.Text);
        Assert.Contains("Бірінші сыныпқа қабылдау", sms.Text); // the service and the state in the language the parent chose
        Assert.Matches(@"Message-Id: <outbox-\d+@eduinfo\.kz>", mail);
        foreach (var personal in new[] { "Айару", "Сәрсенова", iin, certificate })
        {
            Assert.DoesNotContain(personal, mail);
            Assert.DoesNotContain(personal, sms.Text);
        }
        Assert.True(api.Relay.Refused >= 1);
        // Done rows keep no address.
        Assert.Equal(0L, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.application_id = @a AND (o.address IS NOT NULL OR o.sent_at IS NULL)",
            ("a", Guid.Parse(id))));
    }

    [Fact]
    public async Task Two_dispatchers_over_the_same_rows_send_each_message_once()
    {
        const int Messages = 40;
        var recipient = "dispatch-" + Guid.NewGuid().ToString("N")[..8];
        await api.Db.ExecuteAsync("""
            INSERT INTO notification_channels (recipient, email, email_on, language, updated_at) VALUES (@r, @r || '@example.kz', true, 'en', '2026-11-27 06:00Z');
            WITH messages AS (
                INSERT INTO notifications (recipient, kind, link, created_at)
                SELECT @r, 'applicationChanged', '/applications', '2026-11-27 06:00Z' FROM generate_series(1, 40) RETURNING id)
            INSERT INTO notification_outbox (notification_id, channel, address, language, quiet_from, quiet_to, created_at, next_attempt_at)
            SELECT id, 'email', @r || '@example.kz', 'en', '00:00', '00:00', '2026-11-27 06:00Z', '2026-11-27 06:00Z' FROM messages;
            """, ("r", recipient));
        var dispatcher = api.Services.GetRequiredService<NotificationDispatcher>();
        // Two more passes racing each other and the silo's own poll.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
            {
            }
        })));
        var address = recipient + "@example.kz";
        await Eventually.MatchesAsync(() => Task.FromResult(api.Relay.Received.Count(m => m.Recipient == address)), n => n >= Messages, Patience, "every message sent");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var ids = api.Relay.Received.Where(m => m.Recipient == address)
            .Select(m => System.Text.RegularExpressions.Regex.Match(m.Data, @"Message-Id: <(outbox-\d+)@").Groups[1].Value).ToList();
        Assert.Equal(Messages, ids.Count);
        Assert.Equal(Messages, ids.Distinct().Count());
        Assert.Equal(0L, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.recipient = @r AND o.sent_at IS NULL", ("r", recipient)));
    }
}
