using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Every endpoint × every role × in scope / out of scope (OWASP API Security 2023: API1 object level, API5 function
/// level). The expectations are the hand-written table below; the endpoints are read from the running application,
/// so an endpoint without a row fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<ApiHost>
{
    private readonly ApiHost api;

    public AuthorizationMatrixTests(ApiHost api)
    {
        this.api = api;
        // The profile group exists before any class grain of the target is activated by a test of this class.
        ProfileGroupAsync(Target()).GetAwaiter().GetResult();
    }

    // Columns: the caller. "in" = scoped at or above the target; "out" = the same role elsewhere.
    private static readonly string[] Callers =
    [
        "anonymous", "teacher/in", "teacher/out", "class_teacher/in", "class_teacher/out", "head/in", "head/out",
        "district_officer/in", "district_officer/out", "region_officer/in", "region_officer/out", "ministry_analyst/in",
        "parent/in", "parent/out", "student/in", "student/out", "operator/in",
    ];

    // Rows: endpoint → expected status per caller, in the order of Callers.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        //                                                  anon tch+ tch- ct+  ct-  hd+  hd-  do+  do-  ro+  ro-  min  par+ par- st+  st-  op
        ["POST /api/v1/classes/{classId}/marks"] =         [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        ["POST /api/v1/classes/{classId}/lessons"] =       [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        ["GET /api/v1/nodes/{nodeId}/summary"] =           [401, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403, 200],
        ["GET /api/v1/nodes/{nodeId}/children"] =          [401, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403, 200],
        ["GET /api/v1/students/{studentId}/diary"] =       [401, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403],
        ["GET /api/v1/students/{studentId}"] =             [401, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403],
        ["GET /api/v1/nodes/{nodeId}/live"] =              [401, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403, 200],
        ["GET /api/v1/students/{studentId}/live"] =        [401, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403],
        // Programme targets of the district around the class.
        ["PUT /api/v1/nodes/{nodeId}/targets/{metric}"] =  [401, 403, 403, 403, 403, 403, 403, 204, 403, 204, 403, 204, 403, 403, 403, 403, 403],
        // A cross-class profile group of the school (its teacher writes; the assignment is checked per class).
        ["POST /api/v1/groups/{groupId}/marks"] =          [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        ["POST /api/v1/groups/{groupId}/lessons"] =        [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        // Corrections of a fresh mark of the class: its teacher (assigned to the subject) and the head.
        ["POST /api/v1/classes/{classId}/corrections"] =   [401, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        // Term 1 of the class is closed by its head, then reopened (with a reason) by its head.
        ["POST /api/v1/classes/{classId}/terms/{term:int}/close"] = [401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        ["POST /api/v1/classes/{classId}/terms/{term:int}/reopen"] = [401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        // Excusing a missed summative: the head.
        ["POST /api/v1/classes/{classId}/excusals"] =      [401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        // The journal grid (names and marks): the subject's teacher, the class teacher and the head.
        ["GET /api/v1/classes/{classId}/journal"] =        [401, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        // The rules: everyone signed in reads them; operators change them.
        ["GET /api/v1/policies/{organizationKind}"] =      [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["PUT /api/v1/policies/{organizationKind}"] =      [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 204],
        ["GET /api/v1/calendars/{academicYear}/{organizationKind}"] = [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["PUT /api/v1/calendars/{academicYear}/{organizationKind}"] = [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 204],
        // Runtime figures (activations, memory): operators.
        ["GET /api/v1/ops/runtime"] =                      [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
        // A transfer of a student to another class of the same school: the head, and officers above it.
        ["POST /api/v1/students/{studentId}/transfers"] =  [401, 403, 403, 403, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403],
        // The timetable: summary readers see it; the head replaces it (with the same demo slots).
        ["GET /api/v1/classes/{classId}/timetable"] =      [401, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 200, 403, 403, 403, 403, 200],
        ["PUT /api/v1/classes/{classId}/timetable"] =      [401, 403, 403, 403, 403, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
        ["GET /api/v1/audit"] =                            [401, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
        // Public: anyone may try to log in; bad credentials are a 401 for everyone. Health and the OpenAPI document are open.
        ["POST /api/v1/auth/token"] =                      [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        ["POST /api/v1/auth/refresh"] =                    [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
        // Open reports: anonymous aggregates of areas and organizations (the target here is a district).
        ["GET /api/v1/public/nodes/{nodeId}/summary"] =   [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/v1/public/nodes/{nodeId}/children"] =  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["ANY /health/live"] =                             [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["ANY /health/ready"] =                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/reference/{documentName?}"] =          [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/reference/scalar.aspnetcore.js"] =     [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/reference/scalar.js"] =                [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/reference/favicon.svg"] =              [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /openapi/{documentName}.json"] =             [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    };

    [Fact]
    public void Every_endpoint_of_the_application_has_a_row()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        Assert.Equal(Expected.Keys.Order(), endpoints.Order());
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_in_and_out_of_scope_as_the_table_says()
    {
        var target = Target();
        var failures = new List<string>();
        foreach (var (endpoint, statuses) in Expected)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                var (method, path, body) = await RequestAsync(endpoint, target);
                var status = path.EndsWith("/live", StringComparison.Ordinal)
                    ? await StreamStatusAsync(path, Header(Callers[i], target))
                    : (await api.Http.SendJsonAsync(new HttpMethod(method), path, body, Header(Callers[i], target))).Status;
                if (status != statuses[i])
                {
                    failures.Add($"{endpoint} as {Callers[i]}: expected {statuses[i]}, got {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A live endpoint streams until the client leaves: read the status, then hang up.</summary>
    private async Task<int> StreamStatusAsync(string path, string? actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (actor is not null)
        {
            request.Headers.Add(HttpExtensions.ActorHeader, actor);
        }
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Author_time_and_ids_cannot_be_assigned_through_the_body()
    {
        var target = Target();
        foreach (var field in new[] { "authorId", "author_id", "recordedAt", "sequence", "seq", "classId", "organizationId" })
        {
            var entry = new Dictionary<string, object?>
            {
                ["entryId"] = Guid.NewGuid(), ["studentId"] = target.Student, ["subjectId"] = target.Subject, ["date"] = "2026-11-20",
                ["kind"] = "formative", ["score"] = 7, [field] = field.Contains("At") ? "2020-01-01T00:00:00Z" : "INJECTED",
            };
            var response = await api.Http.PostJsonAsync($"/api/v1/classes/{target.Class}/marks", new { entries = new[] { entry } }, Header("teacher/in", target));
            Assert.Equal(400, response.Status);
        }
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE author_id = 'INJECTED' OR class_id = 'INJECTED' OR recorded_at < '2021-01-01'"));

        // The author and the time come from the request itself.
        var ok = await api.Http.PostJsonAsync($"/api/v1/classes/{target.Class}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = target.Student, subjectId = target.Subject, date = "2026-11-20", kind = "formative", score = 7 } },
        }, Header("teacher/in", target));
        Assert.Equal(200, ok.Status);
        var sequence = ok.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.Equal("matrix-teacher-in", await api.Db.ScalarAsync<string>("SELECT author_id FROM journal WHERE seq = @s", ("s", sequence)));
        Assert.True(await api.Db.ScalarAsync<bool>("SELECT recorded_at > now() - interval '1 minute' FROM journal WHERE seq = @s", ("s", sequence)));
    }

    /// <summary>A profile group of the target's school: the target student and a student of another class, taught by the target's teacher.</summary>
    private async Task<string> ProfileGroupAsync(Scope s)
    {
        var other = api.Registry.Data.Classes.First(c => c.OrganizationId == s.Organization && c.Id != s.Class).Id;
        var otherStudent = api.Registry.Data.Enrolments.First(e => e.ClassId == other).StudentId;
        const string group = "MATRIX-PROFILE";
        await api.Db.ExecuteAsync("""
            INSERT INTO teaching_groups (id, class_id, kind, subject_id, name) VALUES ('MATRIX-PROFILE', NULL, 'profile', @subject, 'profile') ON CONFLICT DO NOTHING;
            INSERT INTO teaching_group_members (group_id, student_id, from_date) VALUES ('MATRIX-PROFILE', @a, '2026-09-01'), ('MATRIX-PROFILE', @b, '2026-09-01') ON CONFLICT DO NOTHING;
            INSERT INTO assignments (teacher_id, group_id, subject_id, from_date) SELECT @teacher, 'MATRIX-PROFILE', @subject, '2026-09-01'
            WHERE NOT EXISTS (SELECT 1 FROM assignments WHERE group_id = 'MATRIX-PROFILE');
            """, ("subject", s.Subject), ("a", s.Student), ("b", otherStudent), ("teacher", s.Teacher));
        return group;
    }

    /// <summary>A new mark of the class by its teacher, to be corrected: its sequence number.</summary>
    private async Task<long> FreshMarkAsync(Scope s)
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{s.Class}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-18", kind = "formative", score = 6 } },
        }, Header("teacher/in", s));
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        return response.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
    }

    private sealed record Scope(string Class, string Subject, string Teacher, string Organization, string District, string Region,
        string Student, string Parent, string OtherClass, string OtherTeacher, string OtherOrganization, string OtherDistrict,
        string OtherRegion, string OtherStudent, string OtherParent);

    /// <summary>A class in one region and everything around it, and the same kinds of things in another region.</summary>
    private Scope Target()
    {
        var data = api.Registry.Data;
        var t = api.Registry.InClass(0);
        var organization = data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = data.Organizations.Single(o => o.Id == organization).NodeId;
        var region = data.Nodes.Single(n => n.Id == district).ParentId!;
        var other = api.Registry.Teachings().First(x =>
            data.Nodes.Single(n => n.Id == data.Organizations.Single(o => o.Id == data.Classes.Single(c => c.Id == x.ClassId).OrganizationId).NodeId).ParentId is { } r
            && r != region && r != "KZ");
        var otherOrganization = data.Classes.Single(c => c.Id == other.ClassId).OrganizationId;
        var otherDistrict = data.Organizations.Single(o => o.Id == otherOrganization).NodeId;
        var student = t.Roster[0];
        return new Scope(t.ClassId, t.SubjectId, t.TeacherId, organization, district, region, student,
            data.StudentParents.First(p => p.StudentId == student).ParentId, other.ClassId, other.TeacherId, otherOrganization, otherDistrict,
            data.Nodes.Single(n => n.Id == otherDistrict).ParentId!, other.Roster[0],
            data.StudentParents.First(p => p.StudentId == other.Roster[0]).ParentId);
    }

    private static string? Header(string caller, Scope s) => caller switch
    {
        "anonymous" => null,
        "teacher/in" => $"user=matrix-teacher-in; person={s.Teacher}; roles=teacher@{s.Organization}",
        "teacher/out" => $"user=matrix-teacher-out; person={s.OtherTeacher}; roles=teacher@{s.OtherOrganization}",
        "class_teacher/in" => $"user=ct-in; person=nobody; roles=class_teacher@{s.Class}",
        "class_teacher/out" => $"user=ct-out; person=nobody; roles=class_teacher@{s.OtherClass}",
        "head/in" => $"user=head-in; roles=head@{s.Organization}",
        "head/out" => $"user=head-out; roles=head@{s.OtherOrganization}",
        "district_officer/in" => $"user=do-in; roles=district_officer@{s.District}",
        "district_officer/out" => $"user=do-out; roles=district_officer@{s.OtherDistrict}",
        "region_officer/in" => $"user=ro-in; roles=region_officer@{s.Region}",
        "region_officer/out" => $"user=ro-out; roles=region_officer@{s.OtherRegion}",
        "ministry_analyst/in" => "user=analyst; roles=ministry_analyst@KZ",
        "parent/in" => $"user=parent-in; person={s.Parent}; roles=parent@{s.Parent}",
        "parent/out" => $"user=parent-out; person={s.OtherParent}; roles=parent@{s.OtherParent}",
        "student/in" => $"user=student-in; person={s.Student}; roles=student@{s.Student}",
        "student/out" => $"user=student-out; person={s.OtherStudent}; roles=student@{s.OtherStudent}",
        "operator/in" => "user=operator; roles=operator@KZ",
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private async Task<(string Method, string Path, object? Body)> RequestAsync(string endpoint, Scope s)
    {
        var (method, pattern) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        method = method == "ANY" ? "GET" : method; // health checks answer any method
        var path = pattern.Replace("/nodes/{nodeId}/targets/{metric}", $"/nodes/{s.District}/targets/attendanceRate").Replace("/public/nodes/{nodeId}", "/public/nodes/" + s.District).Replace("{classId}", s.Class).Replace("{nodeId}", s.Class).Replace("{studentId}", s.Student).Replace("{documentName}", "v1").Replace("{documentName?}", "v1")
            .Replace("{term:int}", "1").Replace("{organizationKind}", "school").Replace("{academicYear}", "2026-2027");
        if (pattern == "/api/v1/students/{studentId}/transfers")
        {
            // A student of its own, moved back and forth between two classes of the school, a day later each time.
            var student = api.Registry.InClass(0).Roster[^1];
            var other = api.Registry.Data.Classes.First(c => c.OrganizationId == s.Organization && c.Id != s.Class).Id;
            var current = await api.Db.ScalarAsync<string>("SELECT class_id FROM enrolments WHERE student_id = @s ORDER BY from_date DESC, seq DESC LIMIT 1", ("s", student));
            var from = await api.Db.ScalarAsync<DateOnly>("SELECT from_date FROM enrolments WHERE student_id = @s ORDER BY from_date DESC, seq DESC LIMIT 1", ("s", student));
            return ("POST", $"/api/v1/students/{student}/transfers",
                new { toClassId = current == s.Class ? other : s.Class, date = from.AddDays(1).ToString("yyyy-MM-dd"), reason = "matrix" });
        }
        if (pattern.StartsWith("/api/v1/groups/{groupId}", StringComparison.Ordinal))
        {
            var group = await ProfileGroupAsync(s);
            return ("POST", pattern.Replace("{groupId}", group), pattern.EndsWith("/marks", StringComparison.Ordinal)
                ? new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-19", kind = "formative", score = 8 } } }
                : new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = s.Subject, date = "2026-11-19", period = 1 + Random.Shared.Next(12), absentees = Array.Empty<object>() } } });
        }
        if (pattern == "/api/v1/classes/{classId}/journal")
        {
            path += $"?subjectId={s.Subject}&term=2";
        }
        object? body = pattern switch
        {
            "/api/v1/classes/{classId}/marks" => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-19", kind = "formative", score = 8 } } },
            "/api/v1/classes/{classId}/lessons" => new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = s.Subject, date = "2026-11-19", period = 1 + Random.Shared.Next(12), absentees = Array.Empty<object>() } } },
            "/api/v1/nodes/{nodeId}/targets/{metric}" => new { targetPercent = 95 },
            "/api/v1/classes/{classId}/corrections" => new { entryId = Guid.NewGuid(), supersedes = await FreshMarkAsync(s), action = "replace", score = 9, reason = "matrix" },
            "/api/v1/classes/{classId}/terms/{term:int}/reopen" => new { reason = "matrix" },
            "/api/v1/classes/{classId}/excusals" => new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, term = 2, kind = "section", reason = "matrix" },
            "/api/v1/classes/{classId}/timetable" when method == "PUT" => new { validFrom = "2026-09-01", slots = new[] { new { subjectId = s.Subject, weekday = 1, period = 1 } } },
            "/api/v1/policies/{organizationKind}" => new
            {
                effectiveFrom = $"{TestClock.Today.Year + 4}-09-01", formativeScale = 10, weights = new { formative = 30, section = 30, term = 40 },
                bands = new[] { new { fromPercent = 0, mark = 2 }, new { fromPercent = 40, mark = 3 }, new { fromPercent = 65, mark = 4 }, new { fromPercent = 85, mark = 5 } },
                descriptiveGrades = new[] { 1 },
            },
            "/api/v1/calendars/{academicYear}/{organizationKind}" => EduInfo.Grains.Domain.Calendar.SyntheticCalendar.For("2026-2027", "school"),
            "/api/v1/auth/token" => new { login = "no-such-login", password = "wrong" },
            "/api/v1/auth/refresh" => new { refreshToken = "not-a-token" },
            _ => null,
        };
        return (method, path, body);
    }
}
