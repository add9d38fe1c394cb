using EduInfo.Domain.Notifications;

namespace EduInfo.UnitTests.Notifications;

public sealed class QuietHoursTests
{
    // Kazakhstan time is UTC+5: 06:00Z is 11:00 there.
    [Theory]
    [InlineData("22:00", "07:00", "2026-11-27T17:30:00Z", "2026-11-28T02:00:00Z")] // 22:30: until 07:00 the next morning
    [InlineData("22:00", "07:00", "2026-11-27T16:59:00Z", "2026-11-27T16:59:00Z")] // 21:59: not yet quiet
    [InlineData("22:00", "07:00", "2026-11-27T17:00:00Z", "2026-11-28T02:00:00Z")] // 22:00: until 07:00 the next morning
    [InlineData("22:00", "07:00", "2026-11-27T20:00:00Z", "2026-11-28T02:00:00Z")] // 01:00 after midnight: until 07:00 that morning
    [InlineData("22:00", "07:00", "2026-11-28T02:00:00Z", "2026-11-28T02:00:00Z")] // 07:00: over
    [InlineData("11:00", "11:30", "2026-11-27T06:00:00Z", "2026-11-27T06:30:00Z")] // within a daytime span
    [InlineData("11:00", "11:30", "2026-11-27T06:30:00Z", "2026-11-27T06:30:00Z")] // its end is no longer quiet
    [InlineData("00:00", "00:00", "2026-11-27T20:00:00Z", "2026-11-27T20:00:00Z")] // none
    public void A_message_due_within_the_quiet_hours_waits_for_their_end(string from, string to, string at, string expected)
    {
        var quiet = new QuietHours(TimeOnly.Parse(from), TimeOnly.Parse(to));
        var next = quiet.NextAllowed(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }
}

public sealed class DeliveryRetryTests
{
    private static readonly DateTimeOffset Failed = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)] // capped at an hour
    [InlineData(39, 60)]
    public void Retries_double_from_a_minute_up_to_an_hour(int attempts, int minutes) =>
        Assert.Equal(Failed.AddMinutes(minutes), DeliveryRetry.NextAttempt(attempts, Failed, permanent: false));

    [Fact]
    public void After_the_last_attempt_or_a_permanent_refusal_the_message_is_given_up()
    {
        Assert.Null(DeliveryRetry.NextAttempt(DeliveryRetry.MaxAttempts, Failed, permanent: false));
        Assert.Null(DeliveryRetry.NextAttempt(1, Failed, permanent: true));
    }
}

public sealed class ContactRulesTests
{
    [Theory]
    [InlineData("+7 701 234 56 78", "+77012345678")]
    [InlineData("8 (701) 234-56-78", "+77012345678")]
    [InlineData("87771234567", "+77771234567")]
    [InlineData("7012345678", "+77012345678")]
    [InlineData("+7 727 234 56 78", null)] // a landline of Almaty: no SMS
    [InlineData("+1 555 010 0100", null)]
    [InlineData("+7 701 234 56 78 9", null)]
    [InlineData("+7 701 234 56 7x", null)]
    public void A_Kazakhstan_mobile_is_written_one_way(string typed, string? normalized) =>
        Assert.Equal(normalized, ContactRules.NormalizePhone(typed));

    [Theory]
    [InlineData("mother@example.kz", true, null, false, null, null, "")]
    [InlineData("not an address", false, null, false, null, null, "email:EmailInvalid")]
    [InlineData("a@b.kz\r\nBcc: x@y.kz", true, null, false, null, null, "email:EmailInvalid")]
    [InlineData(null, true, null, false, null, null, "email:AddressMissing")]
    [InlineData(null, false, null, true, null, null, "phone:AddressMissing")]
    [InlineData(null, false, "+1 555", true, null, null, "phone:PhoneInvalid")]
    [InlineData(null, false, null, false, "22:00", "7:00", "quietTo:QuietHoursInvalid")]
    [InlineData(null, false, null, false, "24:00", "07:00", "quietFrom:QuietHoursInvalid")]
    public void Contacts_are_refused_by_field(string? email, bool emailOn, string? phone, bool smsOn, string? from, string? to, string expected)
    {
        var problems = new List<(string Field, ContactError Error)>();
        var settings = ContactRules.Parse(email, phone, emailOn, smsOn, from, to, problems);
        Assert.Equal(expected, string.Join(",", problems.Select(p => $"{p.Field}:{p.Error}")));
        Assert.Equal(expected == "", settings is not null);
    }

    [Fact]
    public void An_address_too_long_is_refused_and_a_phone_shows_its_last_two_digits()
    {
        var problems = new List<(string Field, ContactError Error)>();
        Assert.Null(ContactRules.Parse(new string('a', 60) + "@" + new string('b', 200) + ".kz", null, true, false, null, null, problems));
        Assert.Equal("••••••••••78", ContactRules.MaskPhone("+77012345678"));
    }
}
