using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// The final attestation through the HTTP API and PostgreSQL (issue 20): the head enters a grade 9 examination, the
/// class's year end combines it with the annual marks, proposes the council's decision and names the document; a
/// mark entered again replaces the stored one; every entry is audited; hostile entries are refused by field.
/// </summary>
public sealed class ExamApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string Head(DemoRegistry.Teaching t) =>
        $"user=exam-head; roles=head@{api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";

    private DemoRegistry.Teaching Grade(int grade) =>
        api.Registry.Teachings().First(t => api.Registry.Data.Classes.Single(c => c.Id == t.ClassId) is { } c && c.Grade == grade
            && api.Registry.Data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school");

    private async Task<JsonElement> PupilAsync(DemoRegistry.Teaching t, int pupil)
    {
        var yearEnd = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/year-end", Head(t), "ru");
        Assert.True(yearEnd.Status == 200, $"{yearEnd.Status} {yearEnd.Body}");
        return yearEnd.Body.GetProperty("pupils").EnumerateArray().Single(p => p.GetProperty("studentId").GetString() == t.Roster[pupil]);
    }

    [Fact]
    public async Task A_grade_9_examination_combines_with_the_annual_marks_into_final_marks_a_decision_and_a_certificate()
    {
        var t = Grade(9);
        object Fo(int pupil, string date, int score) => new { entryId = Guid.NewGuid(), studentId = t.Roster[pupil], subjectId = t.SubjectId, date, kind = "formative", score };
        // Annual marks: pupil 0 FO 9 and 10 → 5 and 5 → 5; pupil 1 FO 7 and 7 → 4 and 4 → 4; pupil 2 FO 2 → 2 (term 2 only).
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { Fo(0, "2026-10-01", 9), Fo(0, "2026-11-16", 10), Fo(1, "2026-10-01", 7), Fo(1, "2026-11-16", 7), Fo(2, "2026-11-16", 2) },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");

        var exam = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exams", new
        {
            subjectId = t.SubjectId,
            marks = new object[] { new { studentId = t.Roster[0], mark = 5 }, new { studentId = t.Roster[1], mark = 3 }, new { studentId = t.Roster[2], mark = (int?)null } },
        }, Head(t));
        Assert.True(exam.Status == 200, $"{exam.Status} {exam.Body}");
        Assert.Equal((3, 2), (exam.Body.GetProperty("pupils").GetInt32(), exam.Body.GetProperty("written").GetInt32()));

        // Pupil 0: 5 and 5 → 5, nothing failed: promoted, the certificate with distinction.
        var first = await PupilAsync(t, 0);
        var subject = first.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("subjectId").GetString() == t.SubjectId);
        Assert.Equal((5, 5, 5, "combined"), (subject.GetProperty("annualMark").GetInt32(), subject.GetProperty("examMark").GetInt32(),
            subject.GetProperty("finalMark").GetInt32(), subject.GetProperty("source").GetString()));
        Assert.Equal(("promoted", "Перевести в следующий класс", "basicSecondaryCertificate", true), (first.GetProperty("proposed").GetString(),
            first.GetProperty("proposedName").GetString(), first.GetProperty("document").GetString(), first.GetProperty("withDistinction").GetBoolean()));
        // Pupil 1: (4 + 3) / 2 = 3.5 → 4: the certificate, no distinction.
        var second = await PupilAsync(t, 1);
        Assert.Equal(4, second.GetProperty("subjects")[0].GetProperty("finalMark").GetInt32());
        Assert.Equal(("basicSecondaryCertificate", false), (second.GetProperty("document").GetString(), second.GetProperty("withDistinction").GetBoolean()));
        // Pupil 2: registered, not written: nothing proposed yet.
        var third = await PupilAsync(t, 2);
        Assert.Equal((false, JsonValueKind.Null, "examPending"), (third.GetProperty("examsWritten").GetBoolean(), third.GetProperty("proposed").ValueKind,
            third.GetProperty("subjects")[0].GetProperty("source").GetString()));

        // Pupil 2 writes a 2: the subject is failed — one re-examination, promoted conditionally; then a 4 replaces it: (2 + 4) / 2 = 3.
        await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exams", new { subjectId = t.SubjectId, marks = new[] { new { studentId = t.Roster[2], mark = 2 } } }, Head(t));
        third = await PupilAsync(t, 2);
        Assert.Equal(("promotedConditionally", t.SubjectId), (third.GetProperty("proposed").GetString(), third.GetProperty("failed")[0].GetString()));
        await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exams", new { subjectId = t.SubjectId, marks = new[] { new { studentId = t.Roster[2], mark = 4 } } }, Head(t));
        third = await PupilAsync(t, 2);
        Assert.Equal(("promoted", 3, 0), (third.GetProperty("proposed").GetString(), third.GetProperty("subjects")[0].GetProperty("finalMark").GetInt32(),
            third.GetProperty("failed").GetArrayLength()));
        Assert.Equal(4, await api.Db.ScalarAsync<short>("SELECT mark FROM exam_marks WHERE student_id = @s", ("s", t.Roster[2])));
        Assert.Equal(3, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'exam.record' AND target_id = @c", ("c", t.ClassId)));
        // The audit keeps counts, not pupils.
        Assert.DoesNotContain(t.Roster[2], await api.Db.ScalarAsync<string>("SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action = 'exam.record'"));
    }

    [Fact]
    public async Task The_council_takes_the_default_without_a_reason_and_departs_from_it_only_with_one()
    {
        // A grade 5 class other than the one the hostile cases use (they check that nothing is written for theirs).
        var t = api.Registry.Teachings().First(x => api.Registry.Data.Classes.Single(c => c.Id == x.ClassId).Grade == 5 && x.ClassId != Grade(5).ClassId);
        // Pupil 0: FO 2 → 2: one failed subject, promoted conditionally by default. Pupil 1: FO 8 → 4: promoted.
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new object[]
            {
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 2 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 8 },
            },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        Assert.Equal("promotedConditionally", (await PupilAsync(t, 0)).GetProperty("proposed").GetString());

        // Repeating the year is not the default: without a reason it is refused by field, in Russian; nothing is written.
        var refused = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/council",
            new { decisions = new object[] { new { studentId = t.Roster[1], decision = "promoted" }, new { studentId = t.Roster[0], decision = "repeatsYear" } } }, Head(t), "ru");
        Assert.True(refused.Status == 400, $"{refused.Status} {refused.Body}");
        var error = refused.Body.GetProperty("errors")[0];
        Assert.Equal(("decisions[1].reason", "reasonRequired", "Укажите причину."), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM council_decisions WHERE class_id = @c", ("c", t.ClassId)));

        var recorded = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/council", new
        {
            decisions = new object[]
            {
                new { studentId = t.Roster[1], decision = "promoted" },
                new { studentId = t.Roster[0], decision = "repeatsYear", reason = "Протокол педсовета № 4" },
            },
        }, Head(t));
        Assert.True(recorded.Status == 200, $"{recorded.Status} {recorded.Body}");
        var first = await PupilAsync(t, 0);
        Assert.Equal(("promotedConditionally", "repeatsYear", "Оставить на повторный год обучения"),
            (first.GetProperty("proposed").GetString(), first.GetProperty("decided").GetString(), first.GetProperty("decidedName").GetString()));
        Assert.Equal("promoted", (await PupilAsync(t, 1)).GetProperty("decided").GetString());

        // Recorded again, a decision replaces the earlier one; each recording is audited with counts, never pupils.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/council",
            new { decisions = new[] { new { studentId = t.Roster[0], decision = "promotedConditionally" } } }, Head(t))).Status);
        Assert.Equal("promotedConditionally", (await PupilAsync(t, 0)).GetProperty("decided").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM council_decisions WHERE student_id = @s", ("s", t.Roster[0])));
        var audit = await api.Db.ScalarAsync<string>("SELECT string_agg(detail::text, ' ') FROM audit_log WHERE action = 'council.record' AND target_id = @c", ("c", t.ClassId));
        Assert.Contains("\"repeatsYear\": 1", audit);
        Assert.DoesNotContain(t.Roster[0], audit);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/council",
            new { decisions = new[] { new { studentId = t.Roster[0], decision = "promoted" } } }, $"user={t.TeacherId}; roles=teacher")).Status);
    }

    [Theory]
    [InlineData("a teacher", "teacher", 9, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":4}]}", 403, null)]
    [InlineData("grade 5", "head", 5, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":4}]}", 400, "classId:examGradeNotAttested")]
    [InlineData("a mark of 6", "head", 9, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":6}]}", 400, "marks[0].mark:examMarkOutOfRange")]
    [InlineData("a mark as text", "head", 9, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":\"5; DROP TABLE exam_marks\"}]}", 400, null)]
    [InlineData("a pupil twice", "head", 9, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":4},{\"studentId\":\"{S}\",\"mark\":5}]}", 400, "marks[1].studentId:studentRepeated")]
    [InlineData("a pupil of another class", "head", 9, "{\"subjectId\":\"{J}\",\"marks\":[{\"studentId\":\"{OTHER}\",\"mark\":4}]}", 400, "marks[0].studentId:studentNotInClass")]
    [InlineData("a subject with markup", "head", 9, "{\"subjectId\":\"<script>alert(1)</script>\",\"marks\":[{\"studentId\":\"{S}\",\"mark\":4}]}", 400, "subjectId:subjectUnknown")]
    [InlineData("no marks", "head", 9, "{\"subjectId\":\"{J}\",\"marks\":[]}", 400, "marks:required")]
    public async Task A_hostile_examination_is_refused_and_writes_nothing(string because, string who, int grade, string body, int status, string? error)
    {
        var t = Grade(grade);
        var other = Grade(grade == 9 ? 5 : 9);
        body = body.Replace("{J}", t.SubjectId).Replace("{S}", t.Roster[^1]).Replace("{OTHER}", other.Roster[0]);
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM exam_marks");
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/exams",
            actor: who == "head" ? Head(t) : $"user={t.TeacherId}; roles=teacher", acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == status, $"{because}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        if (error is not null)
        {
            Assert.Equal([error], response.Body.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray());
        }
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM exam_marks"));
    }

    [Theory]
    [InlineData("a decision with markup", "{\"decisions\":[{\"studentId\":\"{S}\",\"decision\":\"<img src=x onerror=alert(1)>\"}]}", "decisions[0].decision:councilDecisionUnknown")]
    [InlineData("a decision by number", "{\"decisions\":[{\"studentId\":\"{S}\",\"decision\":2}]}", null)]
    [InlineData("decisions as text", "{\"decisions\":\"promoted\"}", null)]
    [InlineData("a pupil of another class", "{\"decisions\":[{\"studentId\":\"{OTHER}\",\"decision\":\"promoted\"}]}", "decisions[0].studentId:studentNotInClass")]
    [InlineData("graduating in grade 5", "{\"decisions\":[{\"studentId\":\"{S}\",\"decision\":\"graduated\",\"reason\":\"x\"}]}", "decisions[0].decision:councilCannotGraduate")]
    [InlineData("a reason of 10 000 letters", "{\"decisions\":[{\"studentId\":\"{S}\",\"decision\":\"leftSchool\",\"reason\":\"LONG\"}]}", "decisions[0].reason:reasonTooLong")]
    public async Task A_hostile_council_decision_is_refused_and_writes_nothing(string because, string body, string? error)
    {
        var t = Grade(5);
        body = body.Replace("{S}", t.Roster[^1]).Replace("{OTHER}", Grade(9).Roster[0]).Replace("LONG", new string('a', 10_000));
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/council", actor: Head(t), acceptLanguage: "en", rawBody: body);
        Assert.True(response.Status == 400, $"{because}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        if (error is not null)
        {
            Assert.Equal([error], response.Body.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray());
        }
        Assert.DoesNotContain("onerror", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM council_decisions WHERE class_id = @c", ("c", t.ClassId)));
    }
}
