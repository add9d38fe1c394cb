using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// The register of education documents through the HTTP API and PostgreSQL (issue 20): in a grade 9 class the head
/// issues the certificate a pupil earned once the council has decided; the kind, distinction and marks are the year
/// end's; a blank's series and number is used once and a pupil holds one valid certificate; anyone checks it by its
/// code and learns the kind, the school, the date, the initials and whether it stands — no marks, no name; a revoked
/// document checks as revoked; every issue and revocation is audited without pupils.
/// </summary>
public sealed class DocumentApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private DemoRegistry.Teaching Grade9 => api.Registry.Teachings().First(t => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId) is { Grade: 9 } c
        && api.Registry.Data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school");

    private string Head(DemoRegistry.Teaching t) => $"user=doc-head; roles=head@{Organization(t)}";

    private string Organization(DemoRegistry.Teaching t) => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;

    private static object Blank(string studentId, string number, string series = "ЖОБ") => new { studentId, series, number, issuedOn = "2026-11-27" };

    private static string Errors(JsonElement body) =>
        string.Join(", ", body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));

    /// <summary>
    /// Every subject of the class: pupil 0 earns 5s (and 5 at the examination), pupil 1 4s (and 3: 4 and 3 → 4), pupil 2 4s and is registered for
    /// the examination, not written.
    /// </summary>
    private async Task<DemoRegistry.Teaching> AttestedAsync()
    {
        var t = Grade9;
        foreach (var subject in api.Registry.Teachings().Where(x => x.ClassId == t.ClassId))
        {
            object Fo(int pupil, string date, int score) => new { entryId = Guid.NewGuid(), studentId = t.Roster[pupil], subjectId = subject.SubjectId, date, kind = "formative", score };
            var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
            {
                entries = new[] { Fo(0, "2026-10-01", 10), Fo(0, "2026-11-19", 10), Fo(1, "2026-10-01", 7), Fo(1, "2026-11-19", 7), Fo(2, "2026-11-19", 8) },
            }, $"user={subject.TeacherId}; roles=teacher");
            Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        }
        var exam = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exams", new
        {
            subjectId = t.SubjectId,
            marks = new object[] { new { studentId = t.Roster[0], mark = 5 }, new { studentId = t.Roster[1], mark = 3 }, new { studentId = t.Roster[2], mark = (int?)null } },
        }, Head(t));
        Assert.True(exam.Status == 200, $"{exam.Status} {exam.Body}");
        return t;
    }

    [Fact]
    public async Task A_certificate_is_issued_once_checked_by_anyone_by_its_code_and_revoked_with_a_reason()
    {
        var t = await AttestedAsync();
        var documents = $"/api/v1/classes/{t.ClassId}/documents";

        // Before the council decides, nothing is issued; pupil 2, still to write the examination, has earned nothing.
        var early = await api.Http.PostJsonAsync(documents, Blank(t.Roster[0], "0012345"), Head(t), "ru");
        Assert.True(early.Status == 400, $"{early.Status} {early.Body}");
        Assert.Equal(("studentId:councilNotRecorded", "Сначала внесите решение педагогического совета."),
            (Errors(early.Body), early.Body.GetProperty("errors")[0].GetProperty("message").GetString()));
        var council = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/council",
            new { decisions = new[] { new { studentId = t.Roster[0], decision = "promoted" }, new { studentId = t.Roster[1], decision = "promoted" } } }, Head(t));
        Assert.True(council.Status == 200, $"{council.Status} {council.Body}");
        var pending = await api.Http.PostJsonAsync(documents, Blank(t.Roster[2], "0012399"), Head(t));
        Assert.Equal((400, "studentId:documentNotEarned"), (pending.Status, Errors(pending.Body)));

        // Pupil 0: the certificate with distinction, their final mark 5, a code of 32 characters printed in groups.
        var issued = await api.Http.PostJsonAsync(documents, Blank(t.Roster[0], "0012345", " жоб "), Head(t), "kk");
        Assert.True(issued.Status == 201, $"{issued.Status} {issued.Body}");
        var certificate = issued.Body;
        Assert.Equal(("basicSecondaryCertificate", "Негізгі орта білім туралы куәлік", true, "ЖОБ", "0012345", "2026-11-27"),
            (certificate.GetProperty("kind").GetString(), certificate.GetProperty("kindName").GetString(), certificate.GetProperty("withDistinction").GetBoolean(),
             certificate.GetProperty("series").GetString(), certificate.GetProperty("number").GetString(), certificate.GetProperty("issuedOn").GetString()));
        var subjects = api.Registry.Teachings().Where(x => x.ClassId == t.ClassId).Select(x => x.SubjectId).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(subjects.Select(s => $"{s}:5"), certificate.GetProperty("marks").EnumerateArray()
            .Select(m => $"{m.GetProperty("subjectId").GetString()}:{m.GetProperty("mark").GetInt32()}"));
        var code = certificate.GetProperty("verificationCode").GetString()!;
        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$", code);
        // Pupil 1: no distinction. The same blank again is a conflict, and so is a second certificate for pupil 0.
        var second = await api.Http.PostJsonAsync(documents, Blank(t.Roster[1], "0012346"), Head(t));
        Assert.True(second.Status == 201, $"{second.Status} {second.Body}");
        Assert.False(second.Body.GetProperty("withDistinction").GetBoolean());
        Assert.NotEqual(code, second.Body.GetProperty("verificationCode").GetString());
        var taken = await api.Http.PostJsonAsync(documents, Blank(t.Roster[1], "0012345"), Head(t));
        Assert.Equal((409, "number:documentNumberTaken"), (taken.Status, Errors(taken.Body)));
        var twice = await api.Http.PostJsonAsync(documents, Blank(t.Roster[0], "0012399"), Head(t));
        Assert.Equal((409, "studentId:documentAlreadyIssued"), (twice.Status, Errors(twice.Body)));
        Assert.Equal(2, await api.Db.ScalarAsync<long>("SELECT count(*) FROM education_documents WHERE class_id = @c", ("c", t.ClassId)));

        // Anyone checks it, the code typed in lower case with spaces: the kind, the school, the date, the initials, valid.
        var holder = await api.Db.ScalarAsync<string>("SELECT concat_ws('|', last_name, first_name, middle_name, iin) FROM students WHERE id = @s", ("s", t.Roster[0]));
        var names = holder.Split('|');
        var check = await api.Http.GetJsonAsync($"/api/v1/public/documents/{Uri.EscapeDataString(code.Replace('-', ' ').ToLowerInvariant())}", actor: null, acceptLanguage: "ru");
        Assert.True(check.Status == 200, $"{check.Status} {check.Body}");
        Assert.Equal(("Свидетельство об основном среднем образовании", Organization(t), "valid", "Действителен", "0012345"),
            (check.Body.GetProperty("kindName").GetString(), check.Body.GetProperty("organizationId").GetString(), check.Body.GetProperty("status").GetString(),
             check.Body.GetProperty("statusName").GetString(), check.Body.GetProperty("number").GetString()));
        Assert.StartsWith($"{names[0][0]}. {names[1][0]}.", check.Body.GetProperty("holderInitials").GetString());
        var published = check.Body.ToString();
        Assert.DoesNotContain(names[0], published);
        Assert.DoesNotContain(names[1], published);
        Assert.DoesNotContain(names[^1], published);
        Assert.False(check.Body.TryGetProperty("marks", out _));
        Assert.False(check.Body.TryGetProperty("studentId", out _));

        // Revoked with a reason (not without one, not by a teacher): it stays in the register and checks as revoked.
        var id = certificate.GetProperty("id").GetString();
        var noReason = await api.Http.PostJsonAsync($"{documents}/{id}/revoke", new { reason = " " }, Head(t));
        Assert.Equal((400, "reason:reasonRequired"), (noReason.Status, Errors(noReason.Body)));
        Assert.Equal(403, (await api.Http.PostJsonAsync($"{documents}/{id}/revoke", new { reason = "x" }, $"user={t.TeacherId}; roles=teacher")).Status);
        var revoked = await api.Http.PostJsonAsync($"{documents}/{id}/revoke", new { reason = "Бланк испорчен при заполнении" }, Head(t));
        Assert.True(revoked.Status == 200, $"{revoked.Status} {revoked.Body}");
        Assert.Equal((true, "2026-11-27"), (revoked.Body.GetProperty("revoked").GetBoolean(), revoked.Body.GetProperty("revokedOn").GetString()));
        Assert.Equal((409, "documentId:documentAlreadyRevoked"),
            await api.Http.PostJsonAsync($"{documents}/{id}/revoke", new { reason = "again" }, Head(t)) is var again ? (again.Status, Errors(again.Body)) : default);
        check = await api.Http.GetJsonAsync($"/api/v1/public/documents/{code}", actor: null, acceptLanguage: "kk");
        Assert.Equal(("revoked", "Күші жойылған", "2026-11-27"), (check.Body.GetProperty("status").GetString(), check.Body.GetProperty("statusName").GetString(),
            check.Body.GetProperty("revokedOn").GetString()));

        // Revoked, the certificate may be issued again on a new blank; the register lists all three.
        Assert.Equal(201, (await api.Http.PostJsonAsync(documents, Blank(t.Roster[0], "0012347"), Head(t))).Status);
        var register = await api.Http.GetJsonAsync(documents, Head(t), "en");
        Assert.Equal(["0012345:True", "0012346:False", "0012347:False"], register.Body.EnumerateArray()
            .Select(d => $"{d.GetProperty("number").GetString()}:{d.GetProperty("revoked").GetBoolean()}").Order().ToArray());
        Assert.Equal(names[0] + " " + names[1], register.Body.EnumerateArray().First(d => d.GetProperty("number").GetString() == "0012347").GetProperty("studentName").GetString());

        // Audited: three issues and one revocation, with document ids and kinds, never a pupil.
        Assert.Equal((3L, 1L), (await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'document.issue' AND target_id = @c", ("c", t.ClassId)),
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'document.revoke' AND target_id = @c", ("c", t.ClassId))));
        var audit = await api.Db.ScalarAsync<string>("SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action LIKE 'document.%'");
        Assert.Contains(id!, audit);
        Assert.DoesNotContain(t.Roster[0], audit);
        Assert.DoesNotContain(code.Replace("-", ""), audit);
    }

    [Theory]
    [InlineData("not a code", "not-a-code", 400)]
    [InlineData("one character short", "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY", 400)]
    [InlineData("markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400)]
    [InlineData("SQL", "'%20OR%201%3D1%20--", 400)]
    [InlineData("a bidi override", "%E2%80%AE0123456789ABCDEFGHJKMNPQRSTVWXYZ", 400)]
    [InlineData("far too long", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 400)]
    [InlineData("well formed, issued to nobody", "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ", 404)]
    public async Task A_hostile_or_unknown_code_is_refused_in_the_readers_language(string because, string code, int status)
    {
        var response = await api.Http.GetJsonAsync($"/api/v1/public/documents/{code}", actor: null, acceptLanguage: "kk");
        Assert.True(response.Status == status, $"{because}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("kk", response.Body.GetProperty("language").GetString());
        if (status == 400)
        {
            Assert.Equal("code:malformed", Errors(response.Body));
        }
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a series with markup", "{\"studentId\":\"{S}\",\"series\":\"<b>\",\"number\":\"1\",\"issuedOn\":\"2026-11-27\"}", 400, "series:documentSeriesInvalid")]
    [InlineData("a number with SQL", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1; DROP TABLE education_documents\",\"issuedOn\":\"2026-11-27\"}", 400, "number:documentNumberInvalid")]
    [InlineData("a date in the future", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":\"2027-06-01\"}", 400, "issuedOn:dateInFuture")]
    [InlineData("a date as a number", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":20261127}", 400, null)]
    [InlineData("the kind chosen by the caller", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":\"2026-11-27\",\"kind\":\"generalSecondaryAttestat\"}", 400, "kind:fieldUnknown")]
    [InlineData("a pupil with no marks at all", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":\"2026-11-27\"}", 400, "studentId:documentNotEarned")]
    [InlineData("a pupil of another school", "{\"studentId\":\"{OTHER}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":\"2026-11-27\"}", 400, "studentId:studentNotInClass")]
    [InlineData("a body that is not an object", "[1,2,3]", 400, null)]
    [InlineData("a teacher", "{\"studentId\":\"{S}\",\"series\":\"AB\",\"number\":\"1\",\"issuedOn\":\"2026-11-27\"}", 403, null)]
    public async Task A_hostile_issue_is_refused_and_writes_nothing(string because, string body, int status, string? error)
    {
        var t = Grade9;
        var other = api.Registry.Teachings().First(x => Organization(x) != Organization(t));
        body = body.Replace("{S}", t.Roster[^1]).Replace("{OTHER}", other.Roster[0]);
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/documents",
            actor: status == 403 ? $"user={t.TeacherId}; roles=teacher" : Head(t), acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == status, $"{because}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        if (error is not null)
        {
            // The field named first; a pupil without marks has earned nothing besides (studentId:documentNotEarned).
            Assert.StartsWith(error, Errors(response.Body));
        }
        Assert.DoesNotContain("<b>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM education_documents WHERE student_id = @s", ("s", t.Roster[^1])));
    }
}
