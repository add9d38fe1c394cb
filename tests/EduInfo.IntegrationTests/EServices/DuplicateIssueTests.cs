using System.Text.Json;
using EduInfo.Domain.EServices;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// Issue 22, the duplicate of an education document, from the register: a parent applies for a duplicate of their
/// child's certificate; the head completes it naming the original and a new blank — the duplicate enters the register
/// with the original's kind, distinction and marks and a new verification code, the original is revoked as replaced, in
/// one transaction with the completion step; a wrong original or a blank already used changes nothing, neither the
/// register nor the application; the issue happens once per application; audited without the pupil.
/// </summary>
public sealed class DuplicateIssueTests(ApiHost api) : IClassFixture<ApiHost>
{
    private DemoRegistry.Teaching Grade9 => api.Registry.Teachings().First(t => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId) is { Grade: 9 } c
        && api.Registry.Data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school"
        && t.Roster.Any(s => api.Registry.Data.StudentParents.Any(p => p.StudentId == s)));

    private string School(DemoRegistry.Teaching t) => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;

    [Fact]
    public async Task A_duplicate_replaces_the_original_in_the_register_once_with_a_new_code()
    {
        var t = Grade9;
        var school = School(t);
        var head = $"user=duplicate-head; roles=head@{school}";
        var pupil = t.Roster.First(s => api.Registry.Data.StudentParents.Any(p => p.StudentId == s));
        var parent = ApplicationApiTests.Parent(api.Registry.Data.StudentParents.First(p => p.StudentId == pupil).ParentId);
        var (originalId, originalCode) = await CertificateAsync(t, pupil, head);

        var filed = await api.Http.PostJsonAsync("/api/v1/applications",
            new { service = "documentDuplicate", studentId = pupil, officeId = school, documents = new[] { "photos" } }, parent);
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        var steps = $"/api/v1/applications/{id}/steps";
        Assert.Equal(200, (await api.Http.PostJsonAsync(steps, new { action = "take" }, head)).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync(steps, new { action = "approve" }, head)).Status);

        // No original named, another's document, a bad blank, the original's own blank: refused, nothing written.
        var unnamed = await api.Http.PostJsonAsync(steps, new { action = "complete", series = "ЖОБ", number = "0099001" }, head, "ru");
        Assert.Equal((400, "documentId:documentWrong"), (unnamed.Status, ApplicationApiTests.Errors(unnamed.Body)));
        Assert.Equal("Выберите заменяемый документ: действующий документ ученика в реестре этой школы.",
            unnamed.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        var stranger = await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = Guid.NewGuid(), series = "ЖОБ", number = "0099001" }, head);
        Assert.Equal((400, "documentId:documentWrong"), (stranger.Status, ApplicationApiTests.Errors(stranger.Body)));
        var badBlank = await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = originalId, series = "<b>", number = "12a" }, head, "kk");
        Assert.Equal((400, "series:blankInvalid"), (badBlank.Status, ApplicationApiTests.Errors(badBlank.Body)));
        var taken = await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = originalId, series = "ЖОБ", number = "0055501" }, head);
        Assert.Equal((409, "number:blankTaken"), (taken.Status, ApplicationApiTests.Errors(taken.Body)));
        Assert.Equal(1L, await DocumentsOfAsync(pupil));
        Assert.Equal("approved", (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", head)).Body.GetProperty("state").GetString());
        Assert.Equal("valid", await StatusAsync(originalCode));

        var completed = await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = originalId, series = " жоб ", number = "0099001" }, head);
        Assert.True(completed.Status == 200, $"{completed.Status} {completed.Body}");
        Assert.Equal("completed", completed.Body.GetProperty("state").GetString());

        // The register: the original revoked as replaced, the duplicate valid with its kind, distinction and marks.
        var register = (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/documents", head, "en")).Body.EnumerateArray()
            .Where(d => d.GetProperty("studentId").GetString() == pupil).ToList();
        Assert.Equal(2, register.Count);
        var original = register.Single(d => d.GetProperty("id").GetString() == originalId.ToString());
        var duplicate = register.Single(d => d.GetProperty("id").GetString() != originalId.ToString());
        Assert.True(original.GetProperty("revoked").GetBoolean());
        Assert.Equal(("ЖОБ", "0099001", "2026-11-27", false), (duplicate.GetProperty("series").GetString(), duplicate.GetProperty("number").GetString(),
            duplicate.GetProperty("issuedOn").GetString(), duplicate.GetProperty("revoked").GetBoolean()));
        Assert.Equal(original.GetProperty("kind").GetString(), duplicate.GetProperty("kind").GetString());
        Assert.Equal(original.GetProperty("withDistinction").GetBoolean(), duplicate.GetProperty("withDistinction").GetBoolean());
        Assert.Equal(original.GetProperty("marks").ToString(), duplicate.GetProperty("marks").ToString());
        var duplicateCode = duplicate.GetProperty("verificationCode").GetString()!.Replace("-", "");
        Assert.NotEqual(originalCode, duplicateCode);
        Assert.Equal(("revoked", "valid"), (await StatusAsync(originalCode), await StatusAsync(duplicateCode)));
        Assert.Equal(originalId, await api.Db.ScalarAsync<Guid>("SELECT duplicate_of FROM education_documents WHERE application_id = @a", ("a", Guid.Parse(id))));

        // Once per application: the finished application refuses another completion, and the register keeps two documents.
        Assert.Equal(409, (await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = originalId, series = "ЖОБ", number = "0099003" }, head)).Status);
        Assert.Equal(2L, await DocumentsOfAsync(pupil));

        var audit = await api.Db.ScalarAsync<string>("SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action = 'document.duplicate' AND target_id = @c",
            ("c", t.ClassId));
        Assert.Contains(originalId.ToString(), audit);
        Assert.DoesNotContain(pupil, audit);
    }

    [Fact]
    public async Task A_completion_whose_original_was_revoked_meanwhile_writes_neither_the_step_nor_the_duplicate()
    {
        var t = Grade9;
        var school = School(t);
        var head = $"user=duplicate-head; roles=head@{school}";
        var pupil = t.Roster.Last(s => api.Registry.Data.StudentParents.Any(p => p.StudentId == s));
        var parent = ApplicationApiTests.Parent(api.Registry.Data.StudentParents.First(p => p.StudentId == pupil).ParentId);
        var (originalId, _) = await CertificateAsync(t, pupil, head, "0055601");
        var filed = await api.Http.PostJsonAsync("/api/v1/applications",
            new { service = "documentDuplicate", studentId = pupil, officeId = school, documents = new[] { "photos" } }, parent);
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = Guid.Parse(filed.Body.GetProperty("id").GetString()!);
        var steps = $"/api/v1/applications/{id}/steps";
        Assert.Equal(200, (await api.Http.PostJsonAsync(steps, new { action = "take" }, head)).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync(steps, new { action = "approve" }, head)).Status);
        // The head revokes the original by hand between the grain's checks and the step's write: the step is written
        // first in the transaction, so this proves the application's row rolls back with the refused duplicate.
        var revoked = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/documents/{originalId}/revoke", new { reason = "Бланк бүлінген" }, head);
        Assert.True(revoked.Status == 200, $"{revoked.Status} {revoked.Body}");
        var store = api.Services.GetRequiredService<ApplicationStore>();
        var record = (await store.LoadAsync(id))!;
        var at = DateTimeOffset.Parse("2026-11-27T06:00:00Z");
        var written = await store.TransitionAsync(id, record.Version,
            new ApplicationTransition(record.Version + 1, ApplicationAction.Complete, record.State, ApplicationState.Completed, "duplicate-head", WorkflowActor.Office, at, null, null),
            decides: true, new AuditEntry("duplicate-head", [], null, "application.complete", "application", id.ToString(), school, "committed"),
            duplicate: new DocumentDuplicate(Guid.NewGuid(), "ABCDEFGHJKMN", originalId, t.ClassId, "ЖОБ", "0099101", new DateOnly(2026, 11, 27), id),
            duplicateAudit: new AuditEntry("duplicate-head", [], null, "document.duplicate", "class", t.ClassId, school, "committed"));
        Assert.Equal(ApplicationWrite.DocumentWrong, written);
        var after = (await store.LoadAsync(id))!;
        Assert.Equal((record.Version, ApplicationState.Approved), (after.Version, after.State));
        Assert.Equal(0L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_transitions WHERE application_id = @a AND to_state = 'completed'", ("a", id)));
        Assert.Equal(1L, await DocumentsOfAsync(pupil));
        // Through the API the same completion is a localized 409 naming the document, the application still approved.
        var refused = await api.Http.PostJsonAsync(steps, new { action = "complete", documentId = originalId, series = "ЖОБ", number = "0099101" }, head, "kk");
        Assert.Equal((409, "documentId:documentWrong"), (refused.Status, ApplicationApiTests.Errors(refused.Body)));
        Assert.Equal("approved", (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", head)).Body.GetProperty("state").GetString());
    }

    private Task<long> DocumentsOfAsync(string pupil) =>
        api.Db.ScalarAsync<long>("SELECT count(*) FROM education_documents WHERE student_id = @s", ("s", pupil));

    private async Task<string> StatusAsync(string code) =>
        (await api.Http.GetJsonAsync($"/api/v1/public/documents/{code}", actor: null)).Body.GetProperty("status").GetString()!;

    /// <summary>The pupil's certificate of basic secondary education, earned (every subject marked, the examination, the council) and issued on blank ЖОБ 0055501.</summary>
    private async Task<(Guid Id, string Code)> CertificateAsync(DemoRegistry.Teaching t, string pupil, string head, string number = "0055501")
    {
        foreach (var subject in api.Registry.Teachings().Where(x => x.ClassId == t.ClassId))
        {
            var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
            {
                entries = new[] { "2026-10-01", "2026-11-19" }.Select(date => new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = subject.SubjectId, date, kind = "formative", score = 8 }).ToArray(),
            }, $"user={subject.TeacherId}; roles=teacher");
            Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        }
        await PostAsync($"/api/v1/classes/{t.ClassId}/exams", new { subjectId = t.SubjectId, marks = new object[] { new { studentId = pupil, mark = 4 } } }, head);
        await PostAsync($"/api/v1/classes/{t.ClassId}/council", new { decisions = new[] { new { studentId = pupil, decision = "promoted" } } }, head);
        var issued = await PostAsync($"/api/v1/classes/{t.ClassId}/documents", new { studentId = pupil, series = "ЖОБ", number, issuedOn = "2026-11-27" }, head);
        return (Guid.Parse(issued.GetProperty("id").GetString()!), issued.GetProperty("verificationCode").GetString()!.Replace("-", ""));
    }

    private async Task<JsonElement> PostAsync(string path, object body, string actor)
    {
        var response = await api.Http.PostJsonAsync(path, body, actor);
        Assert.True(response.Status is 200 or 201, $"{path}: {response.Status} {response.Body}");
        return response.Body;
    }
}
