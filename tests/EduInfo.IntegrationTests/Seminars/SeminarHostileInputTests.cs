using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Seminars;

/// <summary>
/// The hostile corpus of the seminars' endpoints (issue 24): bodies that cannot bind, ids that are SQL or markup, texts
/// that break the forums' text rules, links that are scripts, times and seats out of range, attendance that names no one
/// or someone twice — each a localized 4xx naming what is wrong, never a 5xx, and nothing written.
/// </summary>
public sealed class SeminarHostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string School => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).First().Id;

    private string District => api.Registry.Data.Organizations.Single(o => o.Id == School).NodeId;

    private string Officer => $"user=hostile-seminar-officer; roles=district_officer@{District}";

    // The class's clock moves forward by minutes (attendance opens at a seminar's start): five days on stays ahead.
    private static readonly DateTimeOffset Start = TestClock.Pinned.AddDays(5);

    private static string Announce(Func<Dictionary<string, object?>, Dictionary<string, object?>> change) => JsonSerializer.Serialize(change(new()
    {
        ["organizerId"] = "{district}", ["topic"] = "Жиынтық бағалау", ["audience"] = "teachers", ["language"] = "kk",
        ["startsAt"] = Start, ["endsAt"] = Start.AddHours(2), ["place"] = "Кабинет 12", ["capacity"] = 20,
    }));

    private static Dictionary<string, object?> With(Dictionary<string, object?> d, string key, object? value)
    {
        d[key] = value;
        return d;
    }

    public static TheoryData<string, string, int, string> Requests() => new()
    {
        { "an array instead of a seminar", "POST /api/v1/seminars [1,2]", 400, "" },
        { "capacity as text", "POST /api/v1/seminars " + Announce(d => With(d, "capacity", "ten")), 400, "capacity" },
        { "a start that is no instant", "POST /api/v1/seminars " + Announce(d => With(d, "startsAt", "next Monday")), 400, "startsAt" },
        { "an audience that is not one", "POST /api/v1/seminars " + Announce(d => With(d, "audience", "parents")), 400, "audience" },
        { "no organizer", "POST /api/v1/seminars " + Announce(d => With(d, "organizerId", null)), 400, "organizerId:organizerRequired" },
        { "an organizer that is SQL", "POST /api/v1/seminars " + Announce(d => With(d, "organizerId", "' OR 1=1 --")), 400, "organizerId:organizerUnknown" },
        { "an organizer that is markup", "POST /api/v1/seminars " + Announce(d => With(d, "organizerId", "<script>alert(1)</script>")), 400, "organizerId:organizerUnknown" },
        { "an organizer of 10 000 characters", "POST /api/v1/seminars " + Announce(d => With(d, "organizerId", new string('K', 10_000))), 400, "organizerId:organizerRequired" },
        { "no topic", "POST /api/v1/seminars " + Announce(d => With(d, "topic", " ")), 400, "topic:required" },
        { "a topic of 201 characters", "POST /api/v1/seminars " + Announce(d => With(d, "topic", new string('ә', 201))), 400, "topic:tooLong" },
        { "a NUL in the topic", "POST /api/v1/seminars " + Announce(d => With(d, "topic", "Семи\u0000нар")), 400, "topic:controlCharacter" },
        { "a right-to-left override in the description", "POST /api/v1/seminars " + Announce(d => With(d, "description", "мәтін\u202Eрыбид")), 400, "description:directionOverride" },
        { "a zero-width space in the place", "POST /api/v1/seminars " + Announce(d => With(d, "place", "Каби\u200Bнет")), 400, "place:invisibleCharacter" },
        { "an organizer's name with a Latin a", "POST /api/v1/seminars " + Announce(d => With(d, "topic", "Ивaнов семинары")), 400, "topic:mixedScript" },
        { "a javascript link", "POST /api/v1/seminars " + Announce(d => With(d, "onlineLink", "javascript:alert(1)")), 400, "onlineLink:linkInvalid" },
        { "an http link", "POST /api/v1/seminars " + Announce(d => With(d, "onlineLink", "http://meet.example.kz/x")), 400, "onlineLink:linkInvalid" },
        { "a start in the past", "POST /api/v1/seminars " + Announce(d => With(d, "startsAt", TestClock.Pinned.AddHours(-1))), 400, "startsAt:startsInThePast" },
        { "an end before the start", "POST /api/v1/seminars " + Announce(d => With(d, "endsAt", Start.AddMinutes(-1))), 400, "endsAt:endsBeforeStartOrTooLong" },
        { "no place and no link", "POST /api/v1/seminars " + Announce(d => With(d, "place", null)), 400, "place:placeOrLinkRequired" },
        { "a million seats", "POST /api/v1/seminars " + Announce(d => With(d, "capacity", 1_000_000)), 400, "capacity:capacityOutOfRange" },
        { "seats beyond int", "POST /api/v1/seminars " + Announce(d => With(d, "capacity", 99_999_999_999)), 400, "capacity" },
        { "a registration for a seminar that is not there", "POST /api/v1/seminars/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/registrations {}", 404, "" },
        { "a registration for a seminar id that is SQL", "POST /api/v1/seminars/'%20OR%201=1/registrations {}", 404, "" },
        { "attendance with no marks", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[]}", 400, "marks:marksRequired" },
        { "attendance that is not a list", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":\"all\"}", 400, "marks" },
        { "a mark that is null", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[null]}", 400, "marks[0]:markInvalid" },
        { "a link that grows past 500 when normalized", "POST /api/v1/seminars " + Announce(d => With(d, "onlineLink", "https://meet.example.kz?" + new string('a', 476))), 400, "onlineLink:linkInvalid" },
        { "a mark without a person", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[{\"attended\":true}]}", 400, "marks[0]:markInvalid" },
        { "a mark without attended", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[{\"personId\":\"T1\"}]}", 400, "marks[0]:markInvalid" },
        { "a person marked twice", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[{\"personId\":\"{teacher}\",\"attended\":true},{\"personId\":\"{teacher}\",\"attended\":false}]}", 400, "marks:markRepeated" },
        { "a person who is markup", "PUT /api/v1/seminars/{seminar}/attendance {\"marks\":[{\"personId\":\"<img src=x onerror=alert(1)>\",\"attended\":true}]}", 400, "marks[0]:notSeated" },
        { "a certificate code of markup", "GET /api/v1/public/seminar-certificates/%3Cscript%3E -", 400, "code:malformed" },
        { "a certificate code that is no one's", "GET /api/v1/public/seminar-certificates/0000-0000-0000-0000-0000-0000-0000-0000 -", 404, "" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_hostile_request_is_a_localized_4xx_and_nothing_is_written(string because, string request, int status, string error)
    {
        var (method, path, body) = HostileCorpus.Parse(request);
        var teacher = api.Registry.Data.Teachers.Where(t => t.OrganizationId == School).OrderBy(t => t.Id, StringComparer.Ordinal).First();
        if (path.Contains("{seminar}", StringComparison.Ordinal))
        {
            path = path.Replace("{seminar}", (await TodaysSeminarAsync(teacher.Id)).ToString());
        }
        body = body.Replace("{district}", District).Replace("{teacher}", teacher.Id);
        var before = await CountAsync();
        var response = await api.Http.SendJsonAsync(method, path, actor: Officer, acceptLanguage: "kk", rawBody: body == "-" ? null : body);
        HostileCorpus.AssertRefused(response, because, status, error, "kk");
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>A seminar starting in a minute with one teacher seated, then the clock past its start (attendance open).</summary>
    private async Task<Guid> TodaysSeminarAsync(string teacherId)
    {
        var startsAt = api.Clock.UtcNow.AddMinutes(1);
        var created = await api.Http.PostJsonAsync("/api/v1/seminars", new
        {
            organizerId = District, topic = "Бүгінгі семинар", audience = "teachers", language = "kk", startsAt, endsAt = startsAt.AddHours(2),
            place = "Кабинет 12", capacity = 5,
        }, Officer);
        Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
        var id = created.Body.GetProperty("id").GetGuid();
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/seminars/{id}/registrations", null,
            $"user=U-{teacherId}; person={teacherId}; roles=teacher@{School}")).Status);
        api.Time.SetUtcNow(startsAt.AddMinutes(1));
        return id;
    }

    /// <summary>Every row a seminar write could leave, and the attendance and certificates of the registrations.</summary>
    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM seminars) + (SELECT count(*) FROM seminar_registrations) + (SELECT count(*) FROM seminar_moves)
             + (SELECT count(*) FROM audit_log WHERE target_kind = 'seminar')
             + (SELECT count(*) FROM seminar_registrations WHERE attended IS NOT NULL OR certificate_code IS NOT NULL)
        """);
}
