using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// A student moves to another class mid-term: roll-calls and marks stay where recorded, term metrics follow the
/// student, both classes move at once, and history is never reopened by a backdated transfer.
/// </summary>
public sealed class TransferApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Both_classes_follow_a_transfer_and_a_mark_written_later_in_the_old_class_reaches_the_new_one()
    {
        var data = api.Registry.Data;
        var school = data.Classes.Where(c => data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school")
            .GroupBy(c => c.OrganizationId).Skip(3).First();
        var (a, b) = (school.First().Id, school.Skip(1).First().Id);
        var head = $"user=head; roles=head@{school.Key}";
        var student = data.Enrolments.First(e => e.ClassId == a).StudentId;
        var teachingA = api.Registry.Teachings().First(t => t.ClassId == a);
        var teacherA = $"user={teachingA.TeacherId}; roles=teacher";
        var mark = (string date, int score) => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = student, subjectId = teachingA.SubjectId, date, kind = "formative", score } } };

        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{a}/marks", mark("2026-11-16", 6), teacherA)).Status);
        var before = await StudentsAsync(a, b);
        var moved = await api.Http.PostJsonAsync($"/api/v1/students/{student}/transfers", new { toClassId = b, date = "2026-11-20", reason = "Parents' request" }, head);
        Assert.True(moved.Status == 200, $"{moved.Status} {moved.Body}");
        Assert.Equal((before.A - 1, before.B + 1), await StudentsAsync(a, b));

        // From the transfer on, class A refuses the student; earlier dates are still A's.
        var refused = await api.Http.PostJsonAsync($"/api/v1/classes/{a}/marks", mark("2026-11-23", 7), teacherA);
        Assert.Equal("studentNotInClass", refused.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        // A mark recorded late in A (dated before the transfer) counts in A's marks and in the student's term mark in B.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{a}/marks", mark("2026-11-17", 10), teacherA)).Status);
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync($"/api/v1/nodes/{b}/summary?term=2&subjectId={teachingA.SubjectId}"),
            r => r.Body.GetProperty("figures").GetProperty("termPercentSum").GetInt64() == 80, TimeSpan.FromSeconds(20),
            "class B counts the student's term mark from both marks: (6 + 10) / 20 = 80 %");
        Assert.Equal(2, (await api.Http.GetJsonAsync($"/api/v1/nodes/{a}/summary?term=2&subjectId={teachingA.SubjectId}")).Body
            .GetProperty("figures").GetProperty("formativeMarks").GetInt64());
        // B's figures moved without a row of B's own: B takes a new version, or the school would keep B's old summary.
        await Eventually.MatchesAsync(async () => (await api.Http.GetJsonAsync($"/api/v1/nodes/{school.Key}/summary?term=2&subjectId={teachingA.SubjectId}"))
            .Body.GetProperty("figures").GetProperty("termPercentSum").GetInt64(), sum => sum == 80, TimeSpan.FromSeconds(20),
            "the school counts the student's new term percentage (no other term mark in the subject in this school)");

        // A backdated transfer would reopen history (two open enrolments): refused, nothing written.
        var enrolments = await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = @s", ("s", student));
        var backdated = await api.Http.PostJsonAsync($"/api/v1/students/{student}/transfers", new { toClassId = a, date = "2026-11-10", reason = "x" }, head);
        Assert.Equal(400, backdated.Status);
        Assert.Equal("dateBeforeEnrolment", backdated.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(enrolments, await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = @s", ("s", student)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = @s AND to_date IS NULL", ("s", student)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'student.transfer' AND target_id = @s", ("s", student)));

        // A head of another school may not move the student.
        var otherHead = $"user=other; roles=head@{data.Organizations.First(o => o.Kind == "school" && o.Id != school.Key).Id}";
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/students/{student}/transfers", new { toClassId = a, date = "2026-11-25", reason = "x" }, otherHead)).Status);
    }

    private async Task<(long A, long B)> StudentsAsync(string a, string b) => (
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{a}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64(),
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{b}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64());
}
