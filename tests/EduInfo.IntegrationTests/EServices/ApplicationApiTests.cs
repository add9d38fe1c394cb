using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// The e-services desk through HTTP and PostgreSQL (issue 22): a parent names a child, files an admission to the first
/// grade in the window the operator set, the school's head confirms the link against the birth certificate and takes
/// every step the workflow allows — each kept as a transition of record and audited without the child; a second
/// filing is refused to the same applicant only; a certificate of study is issued at once and checked by its code.
/// </summary>
public sealed class ApplicationApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    internal const string Operator = "user=desk-operator; roles=operator@KZ";

    internal static string Parent(string parentId) => $"user=parent-{parentId}; person={parentId}; roles=parent@{parentId}";

    internal static string Errors(JsonElement body) =>
        string.Join(",", body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));

    private string School(int index = 0) => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).ElementAt(index).Id;

    private string ParentId(int index) => api.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order().ElementAt(index);

    /// <summary>A child born in 2020 (turning 6 this year) named by the parent: the link's id and the certificate's number.</summary>
    internal static async Task<(string LinkId, string Certificate, string Iin)> ClaimAsync(HttpClient http, string parentId, string? iin = null, string birth = "200315")
    {
        iin ??= PupilApiTests.FreshIin(birth, '5');
        var certificate = "I-АЛ " + Random.Shared.Next(1000000, 9999999);
        var claim = await http.PostJsonAsync("/api/v1/me/children", new
        {
            iin, lastName = "Сәрсенова", firstName = "Айару", birthDate = PupilRules.BirthDateOf(iin)!.Value.ToString("yyyy-MM-dd"), birthCertificate = certificate,
        }, Parent(parentId));
        Assert.True(claim.Status == 201, $"{claim.Status} {claim.Body}");
        Assert.False(claim.Body.GetProperty("confirmed").GetBoolean());
        return (claim.Body.GetProperty("id").GetString()!, certificate, iin);
    }

    internal static readonly string[] FirstGradeDocuments = ["birthCertificate", "healthForm065", "healthForm026", "photos"];

    /// <summary>The operator opens the first-grade window over the test's November (the window is data).</summary>
    internal static async Task OpenFirstGradeWindowAsync(HttpClient http)
    {
        var opened = await http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/services/firstGradeAdmission", new { windowFrom = "11-01", windowTo = "12-31" }, Operator);
        Assert.True(opened.Status == 204, $"{opened.Status} {opened.Body}");
    }

    [Fact]
    public async Task A_first_grade_admission_is_filed_confirmed_taken_and_approved_with_every_transition_of_record()
    {
        var (school, parent) = (School(), ParentId(0));
        var head = $"user=desk-head; roles=head@{school}";
        var (link, certificate, iin) = await ClaimAsync(api.Http, parent);
        var filing = new { service = "firstGradeAdmission", childLinkId = link, officeId = school, documents = FirstGradeDocuments };

        // In November the default window (1 April–31 August) is closed (set again: another test of the class may have opened it); the operator's window opens it.
        var reset = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/services/firstGradeAdmission", new { windowFrom = "04-01", windowTo = "08-31" }, Operator);
        Assert.True(reset.Status == 204, $"{reset.Status} {reset.Body}");
        var closed = await api.Http.PostJsonAsync("/api/v1/applications", filing, Parent(parent), "ru");
        Assert.Equal((400, "service:outsideWindow"), (closed.Status, Errors(closed.Body)));
        Assert.Equal("Заявления сейчас не принимаются: вне периода приёма.", closed.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        await OpenFirstGradeWindowAsync(api.Http);
        var catalogue = await api.Http.GetJsonAsync("/api/v1/public/services", actor: null, acceptLanguage: "kk");
        var firstGrade = catalogue.Body.EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "firstGradeAdmission");
        Assert.Equal(("Бірінші сыныпқа қабылдау", "11-01", 5), (firstGrade.GetProperty("name").GetString(),
            firstGrade.GetProperty("window").GetProperty("from").GetString(), firstGrade.GetProperty("decisionWorkingDays").GetInt32()));

        // Filed on Friday 27 November at 11:00: the five working days end on Friday 4 December.
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", filing, Parent(parent), "kk");
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        Assert.Equal(("filed", "Берілді", "2026-11-27", "2026-12-04", "2026-2027"), (filed.Body.GetProperty("state").GetString(), filed.Body.GetProperty("stateName").GetString(),
            filed.Body.GetProperty("countsFrom").GetString(), filed.Body.GetProperty("dueOn").GetString(), filed.Body.GetProperty("admittedYear").GetString()));
        Assert.Equal("withdraw", string.Join(",", filed.Body.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("value").GetString())));

        // The same applicant again: refused, so one open application per child and service; another parent naming the child is not told.
        var again = await api.Http.PostJsonAsync("/api/v1/applications", filing, Parent(parent));
        Assert.Equal((409, "service:alreadyApplied"), (again.Status, Errors(again.Body)));
        var stranger = ParentId(1);
        var (strangerLink, _, _) = await ClaimAsync(api.Http, stranger, iin);
        var theirs = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "firstGradeAdmission", childLinkId = strangerLink, officeId = school, documents = FirstGradeDocuments }, Parent(stranger));
        Assert.True(theirs.Status == 201, $"{theirs.Status} {theirs.Body}");
        // Nor may anyone file with a link that is not theirs.
        var borrowed = await api.Http.PostJsonAsync("/api/v1/applications", filing, Parent(stranger));
        Assert.Equal((400, "childLinkId:childNotFound"), (borrowed.Status, Errors(borrowed.Body)));

        // Only the applicant and the school's head see it; the head of another school is told there is none.
        var otherHead = $"user=desk-other-head; roles=head@{School(1)}";
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", otherHead)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", Parent(stranger))).Status);
        var seen = await api.Http.GetJsonAsync($"/api/v1/applications/{id}", head);
        Assert.Equal(("Сәрсенова", "refuse,take"), (seen.Body.GetProperty("child").GetProperty("lastName").GetString(),
            string.Join(",", seen.Body.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("value").GetString()).Order())));

        // Steps out of order, before the link is confirmed, of another party, with a wrong certificate.
        async Task<(int Status, JsonElement Body)> StepAsync(string who, object step, string language = "en")
        {
            var r = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", step, who, language);
            return (r.Status, r.Body);
        }
        var early = await StepAsync(head, new { action = "approve" });
        Assert.Equal((409, "action:notAllowedNow"), (early.Status, Errors(early.Body)));
        var unconfirmed = await StepAsync(head, new { action = "take" }, "kk");
        Assert.Equal((409, "childLinkId:linkUnconfirmed"), (unconfirmed.Status, Errors(unconfirmed.Body)));
        Assert.Equal("Алдымен ата-ана мен баланың байланысын туу туралы куәлік бойынша растаңыз.", unconfirmed.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        var wrong = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = "I-АЛ 0000000" }, head);
        Assert.Equal((400, "birthCertificate:certificateMismatch"), (wrong.Status, Errors(wrong.Body)));
        var byParent = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = certificate }, Parent(parent));
        Assert.Equal(403, byParent.Status);
        var confirmed = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = certificate.ToLowerInvariant().Replace(" ", "") }, head);
        Assert.True(confirmed.Status == 200 && confirmed.Body.GetProperty("linkConfirmed").GetBoolean(), $"{confirmed.Status} {confirmed.Body}");

        Assert.Equal(200, (await StepAsync(head, new { action = "take" })).Status);
        Assert.Equal(403, (await StepAsync(Parent(parent), new { action = "approve" })).Status);
        var unlisted = await StepAsync(head, new { action = "refuse", ground = "documentNotInRegister", reason = "—" });
        Assert.Equal((400, "ground:groundNotListed"), (unlisted.Status, Errors(unlisted.Body)));
        var silent = await StepAsync(head, new { action = "refuse", ground = "noPlaces", reason = "   " });
        Assert.Equal((400, "reason:reasonRequired"), (silent.Status, Errors(silent.Body)));
        var approved = await StepAsync(head, new { action = "approve" });
        Assert.Equal((200, "approved", "2026-11-27"), (approved.Status, approved.Body.GetProperty("state").GetString(), approved.Body.GetProperty("decidedOn").GetString()));

        // The parent's inbox: a message for each of the office's steps, newest first, a status and a link, no name.
        var inbox = await api.Http.GetJsonAsync("/api/v1/me/notifications", Parent(parent), "ru");
        var messages = inbox.Body.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("applicationId").GetString() == id).ToList();
        Assert.Equal(["Заявление «Приём в первый класс»: Одобрено", "Заявление «Приём в первый класс»: На рассмотрении"],
            messages.Select(m => m.GetProperty("text").GetString()));
        Assert.All(messages, m => Assert.Equal($"/applications/{id}", m.GetProperty("link").GetString()));
        Assert.DoesNotContain("Сәрсенова", inbox.Body.GetRawText());
        var unread = inbox.Body.GetProperty("unread").GetInt32();
        var first = messages[0].GetProperty("id").GetInt64();
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/me/notifications/{first}/read", null, Parent(stranger))).Status);
        Assert.Equal(204, (await api.Http.PostJsonAsync($"/api/v1/me/notifications/{first}/read", null, Parent(parent))).Status);
        Assert.Equal(unread - 1, (await api.Http.GetJsonAsync("/api/v1/me/notifications", Parent(parent))).Body.GetProperty("unread").GetInt32());

        // The parent withdraws; nothing moves it again.
        Assert.Equal(200, (await StepAsync(Parent(parent), new { action = "withdraw" })).Status);
        var closedNow = await StepAsync(head, new { action = "take" });
        Assert.Equal((409, "action:applicationClosed"), (closedNow.Status, Errors(closedNow.Body)));

        // Every transition is a row: who (as a party), what, from which state to which.
        var mine = await api.Http.GetJsonAsync($"/api/v1/applications/{id}", Parent(parent));
        Assert.Equal("1:-:filed:applicant 2:take:inReview:office 3:approve:approved:office 4:withdraw:withdrawn:applicant",
            string.Join(" ", mine.Body.GetProperty("transitions").EnumerateArray().Select(t =>
                $"{t.GetProperty("version").GetInt32()}:{(t.GetProperty("action").ValueKind == JsonValueKind.Null ? "-" : t.GetProperty("action").GetString())}:{t.GetProperty("to").GetString()}:{t.GetProperty("by").GetString()}")));
        var list = await api.Http.GetJsonAsync("/api/v1/applications", Parent(parent));
        Assert.Contains(list.Body.EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        // Audited: filing, confirmation, each step; the child's IIN and names are in no audit row.
        var audit = await api.Db.ScalarAsync<string>(
            "SELECT string_agg(action, ',' ORDER BY id) || ' ' || string_agg(detail::text, ' ') FROM audit_log WHERE target_kind = 'application' AND target_id = @id", ("id", id));
        Assert.StartsWith("application.file,application.confirmLink,application.take,application.approve,application.withdraw ", audit);
        Assert.DoesNotContain(iin, audit);
        Assert.DoesNotContain("Сәрсенова", audit);
    }

    [Fact]
    public async Task A_certificate_of_study_is_issued_at_once_and_anyone_checks_its_code_learning_only_the_initials()
    {
        var link = api.Registry.Data.StudentParents.OrderBy(p => p.StudentId).First();
        var pupil = link.StudentId;
        var klass = api.Registry.Data.Enrolments.First(e => e.StudentId == pupil).ClassId;
        var school = api.Registry.Data.Classes.Single(c => c.Id == klass).OrganizationId;
        var body = new { applicationId = Guid.NewGuid(), service = "studyCertificate", studentId = pupil, officeId = school, documents = Array.Empty<string>() };

        var issued = await api.Http.PostJsonAsync("/api/v1/applications", body, Parent(link.ParentId), "ru");
        Assert.True(issued.Status == 201, $"{issued.Status} {issued.Body}");
        Assert.Equal(("completed", "2026-11-27"), (issued.Body.GetProperty("state").GetString(), issued.Body.GetProperty("decidedOn").GetString()));
        var code = issued.Body.GetProperty("verificationCode").GetString()!;
        Assert.Equal(32, code.Length);
        // The same id again answers as the first filing did: one application, one code.
        var retry = await api.Http.PostJsonAsync("/api/v1/applications", body, Parent(link.ParentId));
        Assert.Equal((201, code), (retry.Status, retry.Body.GetProperty("verificationCode").GetString()));
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE id = @id", ("id", body.applicationId)));

        var check = await api.Http.GetJsonAsync($"/api/v1/public/certificates/{code.ToLowerInvariant()}", actor: null, acceptLanguage: "kk");
        Assert.True(check.Status == 200, $"{check.Status} {check.Body}");
        var student = await api.Db.ScalarAsync<string>("SELECT last_name || ' ' || first_name FROM students WHERE id = @s", ("s", pupil));
        Assert.Equal((school, true, $"{student[0]}. {student.Split(' ')[1][0]}."), (check.Body.GetProperty("organizationId").GetString(),
            check.Body.GetProperty("valid").GetBoolean(), check.Body.GetProperty("initials").GetString()));
        Assert.DoesNotContain(student.Split(' ')[0], check.Body.GetRawText());
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/certificates/{EduInfo.Domain.YearEnd.VerificationCode.Of(new byte[20])}", actor: null)).Status);
        Assert.Equal(400, (await api.Http.GetJsonAsync("/api/v1/public/certificates/not-a-code", actor: null)).Status);

        // A parent who is not the pupil's learns nothing of the pupil.
        var stranger = api.Registry.Data.StudentParents.First(p => p.StudentId != pupil && !api.Registry.Data.StudentParents.Any(q => q.StudentId == pupil && q.ParentId == p.ParentId)).ParentId;
        var notTheirs = await api.Http.PostJsonAsync("/api/v1/applications", body with { applicationId = Guid.NewGuid() }, Parent(stranger));
        Assert.Equal((400, "studentId:childNotFound"), (notTheirs.Status, Errors(notTheirs.Body)));
    }

    [Fact]
    public async Task Uploaded_documents_are_sniffed_capped_read_only_by_the_office_every_read_audited_and_deleted_after_the_decision()
    {
        var (school, parent) = (School(2), ParentId(3));
        var head = $"user=upload-head; roles=head@{school}";
        await OpenFirstGradeWindowAsync(api.Http);
        var (link, _, _) = await ClaimAsync(api.Http, parent, birth: "200601");
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "firstGradeAdmission", childLinkId = link, officeId = school, documents = FirstGradeDocuments }, Parent(parent));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        async Task<(int Status, JsonElement Body)> UploadAsync(string document, byte[] content, string contentType = "application/pdf", string? who = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/applications/{id}/uploads?document={document}") { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            request.Headers.Add(HttpExtensions.ActorHeader, who ?? Parent(parent));
            request.Headers.AcceptLanguage.ParseAdd("ru");
            using var response = await api.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }

        var stored = await UploadAsync("healthForm065", pdf);
        Assert.True(stored.Status == 201, $"{stored.Status} {stored.Body}");
        var upload = stored.Body.GetProperty("id").GetString()!;
        Assert.Equal(201, (await UploadAsync("photos", Convert.FromHexString("89504E470D0A1A0A0000000D494844520000000100000001"), "image/png")).Status);
        // An HTML page sent as a PDF, an SVG, nothing, 5 MiB and a byte, a kind that is not one: refused, nothing stored.
        var html = await UploadAsync("healthForm026", System.Text.Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(document.cookie)</script>"));
        Assert.Equal((400, "file:typeNotAllowed"), (html.Status, Errors(html.Body)));
        Assert.Equal("Принимаются только файлы PDF, PNG или JPEG.", html.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(415, (await UploadAsync("photos", System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"), "image/svg+xml")).Status);
        Assert.Equal(400, (await UploadAsync("photos", System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"), "image/png")).Status);
        Assert.Equal((400, "file:empty"), await UploadAsync("photos", []) is var empty ? (empty.Status, Errors(empty.Body)) : default);
        var big = new byte[EduInfo.Domain.EServices.UploadRules.MaxBytes + 1];
        pdf.CopyTo(big, 0);
        Assert.Equal(413, (await UploadAsync("healthForm065", big)).Status);
        Assert.Equal((400, "document:required"), await UploadAsync("1", pdf) is var kind ? (kind.Status, Errors(kind.Body)) : default);
        // Only the applicant attaches; the head may not, a stranger finds nothing.
        Assert.Equal(403, (await UploadAsync("photos", pdf, who: head)).Status);
        Assert.Equal(404, (await UploadAsync("photos", pdf, who: Parent(ParentId(4)))).Status);

        var listed = await api.Http.GetJsonAsync($"/api/v1/applications/{id}/uploads", Parent(parent), "kk");
        Assert.Equal("healthForm065:application/pdf photos:image/png", string.Join(" ", listed.Body.EnumerateArray().Select(u => $"{u.GetProperty("document").GetString()}:{u.GetProperty("contentType").GetString()}")));

        // The office's staff read it as an attachment that is never sniffed; the applicant may not download health data back; each read audited.
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/applications/{id}/uploads/{upload}", Parent(parent))).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/applications/{id}/uploads/{upload}", $"user=upload-other; roles=head@{School(0)}")).Status);
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/applications/{id}/uploads/{upload}"))
        {
            request.Headers.Add(HttpExtensions.ActorHeader, head);
            using var response = await api.Http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("healthForm065.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'application.upload.read' AND target_id = @id AND actor_id = 'upload-head'", ("id", id)));

        // Decided: no more documents; the documents go once the retention after the decision has passed.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "refuse", ground = "noPlaces", reason = "Орын жоқ" }, head)).Status);
        var late = await UploadAsync("photos", pdf);
        Assert.Equal((409, "file:notNow"), (late.Status, Errors(late.Body)));
        var store = new EduInfo.Storage.EServices.ApplicationStore(api.Db.DataSource);
        Assert.Equal(0, await store.PurgeUploadsAsync(TestClock.Today));
        Assert.Equal(2, await store.PurgeUploadsAsync(TestClock.Today.AddDays(1)));
        Assert.Equal(0, (await api.Http.GetJsonAsync($"/api/v1/applications/{id}/uploads", Parent(parent))).Body.GetArrayLength());
    }

    [Fact]
    public async Task A_transfer_agreed_by_the_receiving_head_is_carried_out_through_the_transfer_write_path()
    {
        // A pupil of one school and their parent; the receiving school is another school with a class of the same grade.
        var link = api.Registry.Data.StudentParents.OrderBy(p => p.StudentId).Skip(7).First();
        var pupil = link.StudentId;
        var from = api.Registry.Data.Classes.Single(c => c.Id == api.Registry.Data.Enrolments.First(e => e.StudentId == pupil).ClassId);
        var to = api.Registry.Data.Classes.First(c => c.Grade == from.Grade && c.OrganizationId != from.OrganizationId
            && api.Registry.Data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school");
        var receiving = $"user=desk-receiving; roles=head@{to.OrganizationId}";
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "schoolTransfer", studentId = pupil, officeId = to.OrganizationId,
            documents = new[] { "birthCertificate" } }, Parent(link.ParentId));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        // The sending school's head is no party to it.
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "approve" }, $"user=desk-sending; roles=head@{from.OrganizationId}")).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "approve" }, receiving)).Status);
        var noClass = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "complete", classId = from.Id, date = "2026-11-27" }, receiving);
        Assert.Equal((400, "classId:classWrong"), (noClass.Status, Errors(noClass.Body)));
        var done = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", new { action = "complete", classId = to.Id, date = "2026-11-27" }, receiving);
        Assert.True(done.Status == 200, $"{done.Status} {done.Body}");
        Assert.Equal("completed", done.Body.GetProperty("state").GetString());
        Assert.Equal(to.Id, await api.Db.ScalarAsync<string>(
            "SELECT class_id FROM enrolments WHERE student_id = @s AND to_date IS NULL ORDER BY from_date DESC, seq DESC LIMIT 1", ("s", pupil)));
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'student.transfer' AND target_id = @s", ("s", pupil)));
    }

    [Theory]
    [InlineData("{\"service\":\"noSuchService\",\"officeId\":\"X\",\"documents\":[]}", "service")]
    [InlineData("{\"service\":1,\"officeId\":\"X\",\"documents\":[]}", "service")]
    [InlineData("{\"service\":\"studyCertificate\",\"documents\":[\"passport\"]}", "documents")]
    [InlineData("{\"service\":\"studyCertificate\",\"officeId\":\"X\",\"documents\":[]}", "child")]
    [InlineData("{\"service\":\"studyCertificate\",\"studentId\":\"S\",\"childLinkId\":\"00000000-0000-0000-0000-000000000001\",\"officeId\":\"X\",\"documents\":[]}", "child")]
    [InlineData("{\"service\":\"studyCertificate\",\"studentId\":\"S\",\"officeId\":\"X\"}", "documents")]
    public async Task A_malformed_filing_is_a_localized_400_and_nothing_is_written(string raw, string field)
    {
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications");
        var refused = await api.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/applications", actor: Parent(ParentId(2)), acceptLanguage: "ru", rawBody: raw);
        Assert.True(refused.Status == 400, $"{refused.Status} {refused.Body}");
        Assert.Contains(field, refused.Body.GetRawText());
        Assert.Equal("ru", refused.Body.GetProperty("language").GetString());
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications"));
    }
}
