using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// A school's bulk enrolment over HTTP and PostgreSQL (issue 18, item 4): the rows go through the same rules and write
/// path as one enrolment — all pupils or none, each audited, the classes refreshed — and every bad row is named by its line.
/// </summary>
public sealed class PupilImportApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    internal const string Header = "iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from";

    /// <summary>A row of the upload for a fresh IIN: the birth date it encodes, Kazakh names.</summary>
    internal static string Row(string classId, string? iin = null, string last = "Сәрсенбаев", string first = "Әлихан", string date = "2026-11-16")
    {
        iin ??= PupilApiTests.FreshIin();
        return $"{iin},{last},{first},,{PupilRules.BirthDateOf(iin)!.Value:yyyy-MM-dd},{classId},{date}";
    }

    /// <summary>Posts a file as the actor: status and JSON body.</summary>
    internal static async Task<(int Status, JsonElement Body)> UploadAsync(HttpClient http, string organizationId, byte[] file, string actor,
        string contentType = "text/csv", string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{organizationId}/pupils/import") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(HttpExtensions.ActorHeader, actor);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    internal static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    [Fact]
    public async Task Three_good_rows_enrol_three_pupils_whom_the_classes_and_diaries_count_at_once()
    {
        var t = api.Registry.InSchoolClass(7);
        var organization = Organization(t.ClassId);
        var other = api.Registry.Data.Classes.First(c => c.OrganizationId == organization && c.Id != t.ClassId).Id;
        var head = $"user=upload-head; roles=head@{organization}";
        var (before, beforeOther) = (await StudentsAsync(t.ClassId), await StudentsAsync(other));

        var iins = new[] { PupilApiTests.FreshIin(), PupilApiTests.FreshIin(), PupilApiTests.FreshIin() };
        var (status, body) = await UploadAsync(api.Http, organization,
            File(Row(t.ClassId, iins[0]), Row(t.ClassId, iins[1], "Өмірзақова", "Іңкәр"), Row(other, iins[2], "O'Neil", "Dana")), head);

        Assert.True(status == 201, $"{status} {body}");
        Assert.Equal(3, body.GetProperty("enrolled").GetInt32());
        var ids = body.GetProperty("studentIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(3, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students WHERE iin = ANY(@i)", ("i", iins)));
        // The classes were told: their headcounts move without waiting for a reconciliation.
        await Eventually.MatchesAsync(() => StudentsAsync(t.ClassId), n => n == before + 2, TimeSpan.FromSeconds(20), "the class counts its two new pupils");
        await Eventually.MatchesAsync(() => StudentsAsync(other), n => n == beforeOther + 1, TimeSpan.FromSeconds(20), "the other class counts its new pupil");
        var grid = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=2", head);
        Assert.True(grid.Status == 200, $"{grid.Status} {grid.Body}");
        Assert.Contains(ids[0], grid.Body.ToString());
        Assert.Contains(ids[1], grid.Body.ToString());
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{ids[2]}/diary", head)).Status);

        // One audit row per pupil as a single enrolment writes it, and one for the upload; never an IIN.
        Assert.Equal(3, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'pupil.enrol' AND target_id = ANY(@s) AND actor_id = 'upload-head'", ("s", ids)));
        Assert.Equal("3", await api.Db.ScalarAsync<string>(
            "SELECT detail->>'pupils' FROM audit_log WHERE action = 'pupil.import' AND target_id = @o AND outcome = 'committed' ORDER BY id DESC LIMIT 1", ("o", organization)));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%' || @iin || '%'", ("iin", iins[0])));

        // The same file again: every one of them is enrolled now, so each line points at their transfer; nothing more is written.
        var again = await UploadAsync(api.Http, organization, File(Row(t.ClassId, iins[0]), Row(t.ClassId, iins[1], "Өмірзақова", "Іңкәр"), Row(other, iins[2], "O'Neil", "Dana")), head);
        Assert.Equal(422, again.Status);
        Assert.Equal(["2:iin:alreadyEnrolled", "3:iin:alreadyEnrolled", "4:iin:alreadyEnrolled"], Errors(again.Body));
        Assert.Equal($"/api/v1/students/{ids[0]}/transfers", again.Body.GetProperty("errors")[0].GetProperty("transfer").GetString());
        Assert.Equal(3, await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = ANY(@s)", ("s", ids)));
    }

    [Theory]
    [InlineData("an IIN with a bad check digit", "3:iin:iinInvalid")]
    [InlineData("a birth date the IIN does not encode", "3:birth_date:iinBirthDateMismatch")]
    [InlineData("a right-to-left override in a name", "3:last_name:nameInvalid")]
    [InlineData("an IIN enrolled in another school", "3:iin:alreadyEnrolled")]
    [InlineData("a class of another school", "3:class_id:classNotInOrganization")]
    [InlineData("the same IIN twice", "3:iin:iinRepeated")]
    [InlineData("a date not yyyy-MM-dd", "3:enrolled_from:badDate")]
    public async Task One_bad_row_refuses_the_whole_file_by_its_line_and_writes_nothing(string because, string expected)
    {
        var t = api.Registry.InSchoolClass(8);
        var organization = Organization(t.ClassId);
        var stranger = api.Registry.Data.Classes.First(c => Organization(c.Id) != organization).Id;
        var good = PupilApiTests.FreshIin();
        var iin = PupilApiTests.FreshIin();
        var bad = because switch
        {
            "an IIN with a bad check digit" => Row(t.ClassId, iin).Replace(iin, iin[..11] + (char)('0' + ((iin[11] - '0' + 1) % 10))),
            "a birth date the IIN does not encode" => Row(t.ClassId, iin).Replace($"{PupilRules.BirthDateOf(iin)!.Value:yyyy-MM-dd}", $"{PupilRules.BirthDateOf(iin)!.Value.AddDays(1):yyyy-MM-dd}"),
            "a right-to-left override in a name" => Row(t.ClassId, iin, last: "Сәрсен\u202Eбаев"),
            "an IIN enrolled in another school" => Row(t.ClassId, api.Registry.Data.Students.First(s => api.Registry.Data.Enrolments.Any(e => e.StudentId == s.Id && Organization(e.ClassId) != organization)).Iin),
            "a class of another school" => Row(stranger, iin),
            "the same IIN twice" => Row(t.ClassId, good, first: "Басқа"),
            _ => Row(t.ClassId, iin, date: "16.11.2026"),
        };
        var students = await api.Db.ScalarAsync<long>("SELECT count(*) FROM students");
        var audits = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action IN ('pupil.enrol', 'pupil.import')");

        var (status, body) = await UploadAsync(api.Http, organization, File(Row(t.ClassId, good), bad, Row(t.ClassId)), $"user=upload-head; roles=head@{organization}", language: "ru");

        Assert.True(status == 422, $"{because}: {status} {body}");
        Assert.Equal("https://eduinfo.kz/problems/pupil-import", body.GetProperty("type").GetString());
        Assert.Equal("Файл учеников не принят", body.GetProperty("title").GetString());
        Assert.True(Errors(body).SequenceEqual([expected]), $"{because}: [{string.Join(", ", Errors(body))}]");
        // The message is the API's own for the same fault, in the caller's language.
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Equal(students, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students"));
        Assert.Equal(audits, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action IN ('pupil.enrol', 'pupil.import')"));
    }

    [Fact]
    public async Task A_head_of_another_school_is_refused_and_the_attempt_audited()
    {
        var t = api.Registry.InSchoolClass(9);
        var organization = Organization(t.ClassId);
        var other = api.Registry.Data.Organizations.First(o => o.Kind == "school" && o.Id != organization).Id;
        var students = await api.Db.ScalarAsync<long>("SELECT count(*) FROM students");

        var (status, _) = await UploadAsync(api.Http, organization, File(Row(t.ClassId)), $"user=upload-stranger; roles=head@{other}");

        Assert.Equal(403, status);
        Assert.Equal(students, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students"));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor_id = 'upload-stranger' AND action = 'pupil.import' AND outcome = 'denied'"));
    }

    /// <summary>
    /// Another enrolment of a pupil of the file commits between the upload's check and its write: the unique IIN stops
    /// the upload, nothing of it stays (409), and sent again it names that pupil. Staged on the upload waiting for the lock.
    /// </summary>
    [Fact]
    public async Task A_pupil_enrolled_elsewhere_during_the_write_leaves_nothing_written_and_the_upload_repeatable()
    {
        var t = api.Registry.InSchoolClass(10);
        var organization = Organization(t.ClassId);
        var head = $"user=upload-racer; roles=head@{organization}";
        var (first, raced) = (PupilApiTests.FreshIin(), PupilApiTests.FreshIin());
        await using var other = await api.Db.DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO students (id, iin, last_name, first_name, birth_date) VALUES ('RACE-' || @i, @i, 'Басқа', 'Адам', @b);
            INSERT INTO enrolments (student_id, class_id, from_date) VALUES ('RACE-' || @i, @c, '2026-11-02');
            """, other, transaction))
        {
            insert.Parameters.AddWithValue("c", t.ClassId);
            insert.Parameters.AddWithValue("i", raced);
            insert.Parameters.AddWithValue("b", PupilRules.BirthDateOf(raced)!.Value);
            await insert.ExecuteNonQueryAsync();
        }

        var upload = UploadAsync(api.Http, organization, File(Row(t.ClassId, first), Row(t.ClassId, raced)), head);
        await Eventually.MatchesAsync(
            () => api.Db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            n => n > 0, TimeSpan.FromSeconds(20), "the upload waits on the other enrolment's IIN");
        await transaction.CommitAsync();
        var (status, body) = await upload;

        Assert.True(status == 409, $"{status} {body}");
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students WHERE iin = @i", ("i", first)));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor_id = 'upload-racer'"));
        var again = await UploadAsync(api.Http, organization, File(Row(t.ClassId, first), Row(t.ClassId, raced)), head);
        Assert.Equal(["3:iin:alreadyEnrolled"], Errors(again.Body));
    }

    private string Organization(string classId) => api.Registry.Data.Classes.Single(c => c.Id == classId).OrganizationId;

    internal static string[] Errors(JsonElement problem) =>
        problem.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray()
            : [];

    private async Task<long> StudentsAsync(string classId) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{classId}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64();
}
