using EduInfo.Domain.Seminars;

namespace EduInfo.UnitTests.Seminars;

public sealed class SeminarRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static SeminarDraft Good => new("Критериалды бағалау: жиынтық бағалау тапсырмалары", "Практикум", SeminarAudience.Teachers, "kk",
        Now.AddDays(3), Now.AddDays(3).AddHours(3), "Алматы, 12-мектеп, акт залы", null, 30);

    public static TheoryData<string, SeminarDraft, string> Refused() => new()
    {
        { "no topic", Good with { Topic = "  " }, "topic:required" },
        { "a topic of 201 characters", Good with { Topic = new string('ә', 201) }, "topic:tooLong" },
        { "a topic with a line break", Good with { Topic = "Бірінші\nекінші" }, "topic:controlCharacter" },
        { "a topic spoofing a name with a Latin a", Good with { Topic = "Ивaнов семинары" }, "topic:mixedScript" },
        { "a description with a right-to-left override", Good with { Description = "мәтін\u202Eрыбид" }, "description:directionOverride" },
        { "no audience", Good with { Audience = null }, "audience:audienceRequired" },
        { "an audience that is no audience", Good with { Audience = (SeminarAudience)7 }, "audience:audienceRequired" },
        { "no language", Good with { Language = null }, "language:languageRequired" },
        { "English as the seminar's language", Good with { Language = "en" }, "language:languageRequired" },
        { "no start", Good with { StartsAt = null }, "startsAt:startsAtRequired" },
        { "a start now", Good with { StartsAt = Now, EndsAt = Now.AddHours(1) }, "startsAt:startsInThePast" },
        { "a start in 367 days", Good with { StartsAt = Now.AddDays(367), EndsAt = Now.AddDays(367).AddHours(1) }, "startsAt:startsTooFarAhead" },
        { "no end", Good with { EndsAt = null }, "endsAt:endsAtRequired" },
        { "an end at the start", Good with { EndsAt = Now.AddDays(3) }, "endsAt:endsBeforeStartOrTooLong" },
        { "eleven hours", Good with { EndsAt = Now.AddDays(3).AddHours(11) }, "endsAt:endsBeforeStartOrTooLong" },
        { "neither place nor link", Good with { Place = null, OnlineLink = " " }, "place:placeOrLinkRequired" },
        { "an http link", Good with { OnlineLink = "http://meet.example.kz/a" }, "onlineLink:linkInvalid" },
        { "a javascript link", Good with { OnlineLink = "javascript:alert(1)" }, "onlineLink:linkInvalid" },
        { "a data link", Good with { OnlineLink = "data:text/html,<script>alert(1)</script>" }, "onlineLink:linkInvalid" },
        { "a link with a password", Good with { OnlineLink = "https://user:pw@meet.example.kz/a" }, "onlineLink:linkInvalid" },
        { "a relative link", Good with { OnlineLink = "/seminars/1" }, "onlineLink:linkInvalid" },
        { "a link with a space", Good with { OnlineLink = "https://meet.example.kz/a b" }, "onlineLink:linkInvalid" },
        { "a link that grows past 500 when normalized", Good with { OnlineLink = "https://meet.example.kz?" + new string('a', 476) }, "onlineLink:linkInvalid" },
        { "a link of escapes", Good with { OnlineLink = "https://meet.example.kz/" + new string('ә', 200) }, "onlineLink:linkInvalid" },
        { "no capacity", Good with { Capacity = null }, "capacity:capacityOutOfRange" },
        { "no seat", Good with { Capacity = 0 }, "capacity:capacityOutOfRange" },
        { "2001 seats", Good with { Capacity = 2001 }, "capacity:capacityOutOfRange" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_draft_is_refused_naming_the_field_and_why(string because, SeminarDraft draft, string expected)
    {
        var problems = SeminarRules.Check(draft, Now, out var facts);

        Assert.True(problems.Select(p => $"{p.Field}:{p.Code}").Contains(expected), $"{because}: {string.Join(", ", problems.Select(p => $"{p.Field}:{p.Code}"))}");
        Assert.Null(facts);
    }

    [Fact]
    public void A_good_draft_passes_normalized_with_an_online_link_only()
    {
        var problems = SeminarRules.Check(Good with { Topic = "  Сабақ жоспары  ", Place = null, OnlineLink = " https://meet.example.kz/room?id=7 " }, Now, out var facts);

        Assert.Empty(problems);
        Assert.Equal(("Сабақ жоспары", null, "https://meet.example.kz/room?id=7"), (facts!.Topic, facts.Place, facts.OnlineLink));
    }

    [Fact]
    public void Instants_written_at_Kazakhstans_offset_are_kept_in_UTC()
    {
        var at = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.FromHours(5));

        Assert.Empty(SeminarRules.Check(Good with { StartsAt = at, EndsAt = at.AddHours(2) }, Now, out var facts));
        Assert.Equal((TimeSpan.Zero, at.UtcDateTime), (facts!.StartsAt.Offset, facts.StartsAt.UtcDateTime));
        Assert.Equal(TimeSpan.Zero, facts.EndsAt.Offset);
    }

    [Theory]
    [InlineData(0, 10, SeatState.Seated, null)]
    [InlineData(9, 10, SeatState.Seated, null)]
    [InlineData(10, 10, SeatState.Waiting, 1)]
    [InlineData(49, 10, SeatState.Waiting, 40)]
    [InlineData(0, 1, SeatState.Seated, null)]
    [InlineData(1, 1, SeatState.Waiting, 1)]
    public void Seats_go_by_arrival_and_the_rest_wait_in_order(int rank, int capacity, SeatState state, int? position)
    {
        Assert.Equal(state, SeminarRules.StateOf(rank, capacity));
        Assert.Equal(position, SeminarRules.WaitingPosition(rank, capacity));
    }

    [Theory]
    [InlineData("2026-12-01T09:59:59Z", "2026-12-01", false)] // the seminar's day, before it starts
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01", true)]
    [InlineData("2026-12-31T10:00:00Z", "2026-12-31", true)]
    [InlineData("2027-01-01T10:00:00Z", "2027-01-01", false)]
    public void Attendance_is_taken_from_the_start_for_thirty_days(string now, string today, bool open) =>
        Assert.Equal(open, SeminarRules.AttendanceOpen(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            new DateOnly(2026, 12, 1), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Registration_closes_when_the_seminar_starts()
    {
        Assert.True(SeminarRules.RegistrationOpen(Now.AddSeconds(1), Now));
        Assert.False(SeminarRules.RegistrationOpen(Now, Now));
    }
}
