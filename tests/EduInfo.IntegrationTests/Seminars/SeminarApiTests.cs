using System.Text.Json;
using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Seminars;

/// <summary>
/// Issue 24's seminars through the real HTTP pipeline and PostgreSQL: fifty teachers registering at once for ten seats
/// get ten seats and a waiting list in the order the seminar received them; a withdrawal moves the first waiting up and
/// tells them in their inbox; the organizer takes attendance on the day, which issues certificates checked on a public
/// address with initials only, and a correction revokes one; the district sees participation by organization; who is
/// not of the audience or the area is refused. Every write is audited.
/// </summary>
public sealed class SeminarApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Analyst = "user=seminar-analyst; roles=ministry_analyst@KZ";

    // The host's clock only moves forward (a test moves it past a start): times are taken from it, not from the pin.
    private DateTimeOffset Now => api.Clock.UtcNow;


    private static string TeacherActor(string teacherId, string organizationId) => $"user=U-{teacherId}; person={teacherId}; roles=teacher@{organizationId}";

    private string DistrictOf(string organizationId) => api.Registry.Data.Organizations.Single(o => o.Id == organizationId).NodeId;

    private static object Seminar(string organizerId, int capacity, DateTimeOffset startsAt, string audience = "teachers") => new
    {
        organizerId,
        topic = "Критериалды бағалау: жиынтық бағалау тапсырмаларын құрастыру",
        description = "Практикум: **тапсырмалар** мен дескрипторлар.",
        audience,
        language = "kk",
        startsAt,
        endsAt = startsAt.AddHours(3),
        place = "Әдістемелік кабинет, 2-қабат",
        onlineLink = "https://meet.example.kz/seminar-7",
        capacity,
    };

    private async Task<Guid> AnnounceAsync(object seminar, string organizer)
    {
        var created = await api.Http.PostJsonAsync("/api/v1/seminars", seminar, organizer, "ru");
        Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
        return created.Body.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Fifty_registrations_at_once_for_ten_seats_give_ten_seats_and_a_waiting_list_in_arrival_order_and_a_withdrawal_moves_the_first_up()
    {
        var seminar = await AnnounceAsync(Seminar("KZ", 10, Now.AddDays(10)), Analyst);
        var teachers = api.Registry.Data.Teachers.OrderBy(t => t.Id, StringComparer.Ordinal).Take(50).ToList();

        var answers = await Task.WhenAll(teachers.Select(t =>
            api.Http.PostJsonAsync($"/api/v1/seminars/{seminar}/registrations", null, TeacherActor(t.Id, t.OrganizationId), "kk")));

        Assert.All(answers, a => Assert.True(a.Status == 201, $"{a.Status} {a.Body}"));
        Assert.Equal(10, answers.Count(a => a.Body.GetProperty("seat").GetString() == "seated"));
        var positions = answers.Where(a => a.Body.GetProperty("seat").GetString() == "waiting").Select(a => a.Body.GetProperty("waitingPosition").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(1, 40), positions);
        // The order is the seminar's receipt: the seated are its first ten arrivals, each waiting one's place is its arrival after them.
        var rows = await RegistrationsAsync(seminar);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), rows.Select(r => r.Arrival));
        Assert.All(rows, r => Assert.Equal(r.Arrival <= 10 ? "seated" : "waiting", r.State));
        for (var i = 0; i < teachers.Count; i++)
        {
            var arrival = rows.Single(r => r.Person == teachers[i].Id).Arrival;
            Assert.Equal(arrival <= 10 ? null : (int?)(arrival - 10), answers[i].Body.TryGetProperty("waitingPosition", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null);
        }
        Assert.Equal("Орын жоқ: сіз күту тізімінде 40-орындасыз. Орын босаса, хабарлаймыз.",
            answers.Single(a => a.Body.GetProperty("waitingPosition") is { ValueKind: JsonValueKind.Number } p && p.GetInt32() == 40).Body.GetProperty("notice").GetString());
        // The catalogue says how full, never who.
        var listed = await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}", actor: null);
        Assert.Equal((10, 40), (listed.Body.GetProperty("seated").GetInt32(), listed.Body.GetProperty("waiting").GetInt32()));
        Assert.DoesNotContain(teachers[0].Id, listed.Body.GetRawText(), StringComparison.Ordinal);

        // A retry is the same registration (200, nothing written twice).
        var first = rows.Single(r => r.Arrival == 1).Person;
        var firstTeacher = teachers.Single(t => t.Id == first);
        var again = await api.Http.PostJsonAsync($"/api/v1/seminars/{seminar}/registrations", null, TeacherActor(first, firstTeacher.OrganizationId));
        Assert.Equal((200, "seated"), (again.Status, again.Body.GetProperty("seat").GetString()));
        Assert.Equal(50L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s", ("s", seminar)));

        // The first seated withdraws: the first waiting (arrival 11) takes the seat and is told; the second waiting is now first.
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/seminars/{seminar}/registrations/me", null,
            TeacherActor(first, firstTeacher.OrganizationId))).Status);
        var movedUp = teachers.Single(t => t.Id == rows.Single(r => r.Arrival == 11).Person);
        var next = teachers.Single(t => t.Id == rows.Single(r => r.Arrival == 12).Person);
        var mine = await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}", TeacherActor(movedUp.Id, movedUp.OrganizationId));
        Assert.Equal("seated", mine.Body.GetProperty("mine").GetProperty("state").GetString());
        var nextMine = await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}", TeacherActor(next.Id, next.OrganizationId));
        Assert.Equal(("waiting", 1), (nextMine.Body.GetProperty("mine").GetProperty("state").GetString(),
            nextMine.Body.GetProperty("mine").GetProperty("waitingPosition").GetInt32()));
        var inbox = await api.Http.GetJsonAsync("/api/v1/me/notifications", TeacherActor(movedUp.Id, movedUp.OrganizationId), "ru");
        var notice = inbox.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "seminarSeat");
        Assert.Equal(($"/seminars/{seminar}", "Освободилось место: вы переведены из листа ожидания на семинар."),
            (notice.GetProperty("link").GetString(), notice.GetProperty("text").GetString()));
        Assert.Equal(204, (await api.Http.PostJsonAsync($"/api/v1/me/notifications/{notice.GetProperty("id").GetInt64()}/read", null,
            TeacherActor(movedUp.Id, movedUp.OrganizationId))).Status);
        // Someone else's message is not theirs to mark.
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/me/notifications/{notice.GetProperty("id").GetInt64()}/read", null,
            TeacherActor(next.Id, next.OrganizationId))).Status);
        Assert.Equal(["movedUp", "seated", "waiting", "withdrawn"], await api.Db.ScalarAsync<string[]>(
            "SELECT array_agg(DISTINCT move ORDER BY move) FROM seminar_moves WHERE seminar_id = @s", ("s", seminar)));
        // Withdrawing again writes nothing and answers the same.
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/seminars/{seminar}/registrations/me", null,
            TeacherActor(first, firstTeacher.OrganizationId))).Status);
        Assert.Equal((50L, 1L), (await AuditCountAsync(seminar, "seminar.register"), await AuditCountAsync(seminar, "seminar.withdraw")));
        Assert.Equal((10L, 39L), (await api.Db.ScalarAsync<long>("SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s AND state = 'seated'", ("s", seminar)),
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s AND state = 'waiting'", ("s", seminar))));
    }

    [Fact]
    public async Task Attendance_on_the_day_issues_certificates_checked_publicly_with_initials_and_a_correction_revokes_one()
    {
        var school = api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).ElementAt(2).Id;
        var district = DistrictOf(school);
        var officer = $"user=seminar-officer; roles=district_officer@{district}";
        var startsAt = Now.AddMinutes(1);
        var seminar = await AnnounceAsync(Seminar(district, 2, startsAt), officer);
        var before = await TotalAsync(district, officer);
        var teachers = api.Registry.Data.Teachers.Where(t => DistrictOf(t.OrganizationId) == district).OrderBy(t => t.Id, StringComparer.Ordinal).Take(3).ToList();
        foreach (var t in teachers)
        {
            Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/seminars/{seminar}/registrations", null, TeacherActor(t.Id, t.OrganizationId))).Status);
        }
        var (came, missed, waiting) = (teachers[0], teachers[1], teachers[2]);
        // Attendance opens when the seminar starts (registration and withdrawal close then): not a minute before.
        HostileCorpus.AssertRefused(await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{seminar}/attendance",
            new { marks = new[] { new { personId = came.Id, attended = true } } }, officer, "ru"), "attendance before the start", 409, "seminarId:attendanceNotOpen", "ru");
        api.Time.SetUtcNow(startsAt.AddMinutes(5));

        // One mark of someone without a seat refuses the lot: nothing is written.
        var refused = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{seminar}/attendance",
            new { marks = new object[] { new { personId = came.Id, attended = true }, new { personId = waiting.Id, attended = true } } }, officer, "kk");
        HostileCorpus.AssertRefused(refused, "a waiting teacher marked", 400, "marks[1]:notSeated", "kk");
        Assert.Equal(0L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s AND attended IS NOT NULL", ("s", seminar)));
        // A teacher takes no attendance.
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{seminar}/attendance",
            new { marks = new[] { new { personId = came.Id, attended = true } } }, TeacherActor(came.Id, came.OrganizationId))).Status);

        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{seminar}/attendance",
            new { marks = new[] { new { personId = came.Id, attended = true }, new { personId = missed.Id, attended = false } } }, officer)).Status);
        var mine = (await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}", TeacherActor(came.Id, came.OrganizationId))).Body.GetProperty("mine");
        Assert.True(mine.GetProperty("attended").GetBoolean());
        var code = mine.GetProperty("certificateCode").GetString()!;
        Assert.Equal(JsonValueKind.Null, (await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}", TeacherActor(missed.Id, missed.OrganizationId)))
            .Body.GetProperty("mine").GetProperty("certificateCode").ValueKind);

        // The public check: the seminar, its organizer, the day, the initials — nothing more.
        var check = await api.Http.GetJsonAsync($"/api/v1/public/seminar-certificates/{code.ToLowerInvariant()}", actor: null, "ru");
        Assert.True(check.Status == 200, $"{check.Status} {check.Body}");
        Assert.True(check.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(api.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), check.Body.GetProperty("heldOn").GetString());
        Assert.Equal(["heldOn", "initials", "kind", "organizerName", "topic", "valid"], check.Body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var person = api.Registry.Data.Teachers.Single(t => t.Id == came.Id);
        Assert.DoesNotContain(person.FirstName, check.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(came.Id, check.Body.GetRawText(), StringComparison.Ordinal);
        var page = await api.Http.GetAsync($"/verify/{code}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-kind=\"seminarCertificate\"", html, StringComparison.Ordinal);
        Assert.Contains("data-result=\"valid\"", html, StringComparison.Ordinal);

        // The organizer reads the participants with their names; a teacher does not.
        var participants = await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}/participants", officer);
        Assert.Equal(200, participants.Status);
        Assert.Equal([came.Id, missed.Id, waiting.Id], participants.Body.EnumerateArray().Select(p => p.GetProperty("personId").GetString()));
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/seminars/{seminar}/participants", TeacherActor(came.Id, came.OrganizationId))).Status);

        // The district's participation by organization counts them; the analyst's republic-wide too.
        var participation = await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/seminar-participation", officer);
        Assert.Equal(200, participation.Status);
        // Other tests of the class register in seminars counted here too: the difference is this seminar's.
        var total = Figures(participation.Body.GetProperty("total"));
        Assert.Equal((2, 1, 1, 1), (total.Seated - before.Seated, total.Waiting - before.Waiting, total.Attended - before.Attended,
            total.Certificates - before.Certificates));
        var row = participation.Body.GetProperty("organizations").EnumerateArray().Single(o => o.GetProperty("organizationId").GetString() == came.OrganizationId);
        Assert.True(row.GetProperty("attended").GetInt32() >= 1);
        Assert.DoesNotContain(person.LastName, participation.Body.GetRawText(), StringComparison.Ordinal);

        // A correction: absent after all. The certificate is revoked, and the public check says so.
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{seminar}/attendance",
            new { marks = new[] { new { personId = came.Id, attended = false } } }, officer)).Status);
        Assert.False((await api.Http.GetJsonAsync($"/api/v1/public/seminar-certificates/{code}", actor: null)).Body.GetProperty("valid").GetBoolean());
        Assert.Equal(2L, await AuditCountAsync(seminar, "seminar.attendance"));
        Assert.Equal(1L, await AuditCountAsync(seminar, "seminar.create"));
        // The audit names no one: the detail holds counts only.
        Assert.Equal(0L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE target_id = @s AND (detail::text LIKE '%' || @p || '%')",
            ("s", seminar.ToString()), ("p", came.Id)));
    }

    [Fact]
    public async Task Who_is_not_of_the_audience_or_the_area_is_refused_and_registration_closes_when_it_starts()
    {
        var school = api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).ElementAt(1).Id;
        var district = DistrictOf(school);
        var officer = $"user=seminar-officer-2; roles=district_officer@{district}";
        var teachers = api.Registry.Data.Teachers.Where(t => t.OrganizationId == school).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var stranger = api.Registry.Data.Teachers.First(t => api.Registry.Data.Nodes.Single(n => n.Id == DistrictOf(t.OrganizationId)).ParentId
            != api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId);

        // Only who organizes for the place announces: a teacher, a head of another school, an operator are refused; an unknown organizer is named.
        Assert.Equal(403, (await api.Http.PostJsonAsync("/api/v1/seminars", Seminar(district, 5, Now.AddDays(3)),
            TeacherActor(teachers[0].Id, school))).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync("/api/v1/seminars", Seminar(district, 5, Now.AddDays(3)), "user=op; roles=operator@KZ")).Status);
        HostileCorpus.AssertRefused(await api.Http.PostJsonAsync("/api/v1/seminars", Seminar("KZ-NOWHERE", 5, Now.AddDays(3)), officer, "kk"),
            "an unknown organizer", 400, "organizerId:organizerUnknown", "kk");
        var teachersSeminar = await AnnounceAsync(Seminar(district, 5, Now.AddDays(3)), officer);
        var headsSeminar = await AnnounceAsync(Seminar(school, 5, Now.AddDays(3), "heads"), $"user=seminar-head; roles=head@{school}");

        // A teacher of another region; a head at a teachers' seminar; a teacher at a heads' seminar; a head without a registry person.
        HostileCorpus.AssertRefused(await api.Http.PostJsonAsync($"/api/v1/seminars/{teachersSeminar}/registrations", null,
            TeacherActor(stranger.Id, stranger.OrganizationId), "ru"), "a teacher of another region", 403, "seminarId:notForYou", "ru");
        var headPerson = $"user=head-person; person={teachers[1].Id}; roles=head@{school}";
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/seminars/{teachersSeminar}/registrations", null, headPerson)).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/seminars/{headsSeminar}/registrations", null, TeacherActor(teachers[0].Id, school))).Status);
        HostileCorpus.AssertRefused(await api.Http.PostJsonAsync($"/api/v1/seminars/{headsSeminar}/registrations", null, $"user=head-x; roles=head@{school}", "kk"),
            "a head not in the staff register", 403, "seminarId:notStaff", "kk");
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/seminars/{headsSeminar}/registrations", null, headPerson)).Status);
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/seminars/{Guid.NewGuid()}/registrations", null, TeacherActor(teachers[0].Id, school))).Status);
        // Before the day, no attendance.
        HostileCorpus.AssertRefused(await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/seminars/{teachersSeminar}/attendance",
            new { marks = new[] { new { personId = teachers[0].Id, attended = true } } }, officer, "en"), "attendance before the day", 409, "seminarId:attendanceNotOpen", "en");

        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/seminars/{teachersSeminar}/registrations", null, TeacherActor(teachers[0].Id, school))).Status);
        // The clock moves past the start (forward only: the class's other tests take their times from it).
        api.Time.SetUtcNow(Now.AddDays(3).AddMinutes(1));
        HostileCorpus.AssertRefused(await api.Http.PostJsonAsync($"/api/v1/seminars/{teachersSeminar}/registrations", null,
            TeacherActor(teachers[2].Id, school), "kk"), "registering after the start", 409, "seminarId:registrationClosed", "kk");
        HostileCorpus.AssertRefused(await api.Http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/seminars/{teachersSeminar}/registrations/me", null,
            TeacherActor(teachers[0].Id, school), "kk"), "withdrawing after the start", 409, "seminarId:registrationClosed", "kk");
        // A started seminar stays in the catalogue until it ends, closed to registration.
        Assert.Contains((await api.Http.GetJsonAsync($"/api/v1/seminars?organizerId={district}", actor: null)).Body.EnumerateArray(),
            s => s.GetProperty("id").GetGuid() == teachersSeminar && !s.GetProperty("registrationOpen").GetBoolean());
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s", ("s", teachersSeminar)));
    }

    [Fact]
    public async Task Fifty_registrations_written_at_once_past_the_grain_still_give_ten_seats()
    {
        // Two activations of one seminar cannot both write (Orleans keeps one), but the count must not depend on it: the
        // store counts seats under a lock of the seminar's row. Fifty writers straight into the store, in parallel.
        var seminar = await AnnounceAsync(Seminar("KZ", 10, Now.AddDays(20)), Analyst);
        var store = new EduInfo.Storage.Seminars.SeminarStore(api.Db.DataSource);
        var staff = new EduInfo.Storage.Registry.StaffStore(api.Db.DataSource);
        var people = api.Registry.Data.Teachers.OrderByDescending(t => t.Id, StringComparer.Ordinal).Take(50).ToList();
        var audit = new EduInfo.Storage.Audit.AuditEntry("store-test", ["teacher"], null, "seminar.register", "seminar", seminar.ToString(), null, "committed");
        var seats = await Task.WhenAll(people.Select(async t =>
        {
            var person = await staff.EmployedAsync(t.Id, api.Clock.Today);
            return await store.RegisterAsync(seminar, person!, "U-" + t.Id, Now, audit);
        }));
        Assert.Equal(10, seats.Count(x => x.State == EduInfo.Domain.Seminars.SeatState.Seated));
        Assert.Equal(Enumerable.Range(1, 40), seats.Where(x => x.WaitingPosition is not null).Select(x => x.WaitingPosition!.Value).Order());
        var rows = await RegistrationsAsync(seminar);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), rows.Select(r => r.Arrival));
        Assert.All(rows, r => Assert.Equal(r.Arrival <= 10 ? "seated" : "waiting", r.State));
    }

    private async Task<(int Seated, int Waiting, int Attended, int Certificates)> TotalAsync(string district, string officer) =>
        Figures((await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/seminar-participation", officer)).Body.GetProperty("total"));

    private static (int Seated, int Waiting, int Attended, int Certificates) Figures(JsonElement row) =>
        (row.GetProperty("seated").GetInt32(), row.GetProperty("waiting").GetInt32(), row.GetProperty("attended").GetInt32(), row.GetProperty("certificates").GetInt32());

    private async Task<List<(string Person, long Arrival, string State)>> RegistrationsAsync(Guid seminar)
    {
        await using var command = api.Db.DataSource.CreateCommand(
            "SELECT person_id, arrival, state FROM seminar_registrations WHERE seminar_id = @s ORDER BY arrival");
        command.Parameters.AddWithValue("s", seminar);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return rows;
    }

    private Task<long> AuditCountAsync(Guid seminar, string action) =>
        api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE target_kind = 'seminar' AND target_id = @s AND action = @a",
            ("s", seminar.ToString()), ("a", action));
}
