using EduInfo.Domain.Calendar;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// The world of the authorization matrix: a target class with everything around it, the callers of the table's
/// columns, and a valid request for every endpoint. How a caller proves who it is (the development header or a real
/// token) is given by the test, so both paths send the same requests and read the same table.
/// </summary>
internal sealed class AuthorizationScenario(ApiHost api, Action<HttpRequestMessage, string, AuthorizationScenario.Scope> authenticate)
{
    /// <summary>The levels of the hierarchy a <c>{nodeId}</c> takes, from the target class up to the republic.</summary>
    public static readonly string[] Levels = ["class", "organization", "district", "region", "republic"];

    public sealed record Scope(string Class, string Subject, string Teacher, string Organization, string District, string Region,
        string Student, string Parent, string OtherClass, string OtherTeacher, string OtherOrganization, string OtherDistrict,
        string OtherRegion, string OtherStudent, string OtherParent);

    /// <summary>Who a caller is: an account id, the registry person it acts as (if any), and its grants ("role@scope").</summary>
    public sealed record Identity(string User, string? Person, IReadOnlyList<string> Grants);

    private Scope? target;

    /// <summary>A class in one region and everything around it, and the same kinds of things in another region.</summary>
    public Scope Target() => target ??= FindTarget();

    private Scope FindTarget()
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

    /// <summary>The node of <paramref name="level"/> on the target class's path.</summary>
    public static string NodeAt(string level, Scope s) => level switch
    {
        "class" => s.Class,
        "organization" => s.Organization,
        "district" => s.District,
        "region" => s.Region,
        "republic" => "KZ",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The caller of a column: "in" is scoped at or above the target class, "out" the same role in another region.</summary>
    public static Identity? IdentityOf(string caller, Scope s) => caller switch
    {
        "anonymous" => null,
        "teacher/in" => new("matrix-teacher-in", s.Teacher, [$"teacher@{s.Organization}"]),
        "teacher/out" => new("matrix-teacher-out", s.OtherTeacher, [$"teacher@{s.OtherOrganization}"]),
        "class_teacher/in" => new("ct-in", "nobody", [$"class_teacher@{s.Class}"]),
        "class_teacher/out" => new("ct-out", "nobody", [$"class_teacher@{s.OtherClass}"]),
        "head/in" => new("head-in", null, [$"head@{s.Organization}"]),
        "head/out" => new("head-out", null, [$"head@{s.OtherOrganization}"]),
        "district_officer/in" => new("do-in", null, [$"district_officer@{s.District}"]),
        "district_officer/out" => new("do-out", null, [$"district_officer@{s.OtherDistrict}"]),
        "region_officer/in" => new("ro-in", null, [$"region_officer@{s.Region}"]),
        "region_officer/out" => new("ro-out", null, [$"region_officer@{s.OtherRegion}"]),
        "ministry_analyst/in" => new("analyst", null, ["ministry_analyst@KZ"]),
        "parent/in" => new("parent-in", s.Parent, [$"parent@{s.Parent}"]),
        "parent/out" => new("parent-out", s.OtherParent, [$"parent@{s.OtherParent}"]),
        "student/in" => new("student-in", s.Student, [$"student@{s.Student}"]),
        "student/out" => new("student-out", s.OtherStudent, [$"student@{s.OtherStudent}"]),
        "operator/in" => new("operator", null, ["operator@KZ"]),
        // An author of the scenario's own forum posts (one per post, so no author reaches the rate of posting).
        _ when caller.StartsWith("forum-author/", StringComparison.Ordinal) => new($"matrix-{caller.Replace('/', '-')}", null, [$"teacher@{s.Organization}"]),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    /// <summary>The development header naming the caller (without a person the header makes the user the person).</summary>
    public static string? Header(string caller, Scope s) => IdentityOf(caller, s) is { } who
        ? $"user={who.User}; {(who.Person is null ? "" : $"person={who.Person}; ")}roles={string.Join(',', who.Grants)}"
        : null;

    /// <summary>The status of the endpoint for the caller, with <c>{nodeId}</c> = <paramref name="nodeId"/> where the route has one.</summary>
    public async Task<int> StatusAsync(string endpoint, string caller, Scope s, string? nodeId = null)
    {
        var (method, path, body) = await RequestAsync(endpoint, s, nodeId);
        if (path.EndsWith("/live", StringComparison.Ordinal))
        {
            // A live endpoint streams until the client leaves: read the status, then hang up.
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            authenticate(request, caller, Target());
            using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return (int)response.StatusCode;
        }
        return (await SendAsync(caller, new HttpMethod(method), path, body)).Status;
    }

    /// <summary>A request as the caller: status and JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(string caller, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? System.Net.Http.Json.JsonContent.Create(body);
        }
        authenticate(request, caller, Target());
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) != true
            ? default
            : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json);
    }

    /// <summary>A profile group of the target's school: the target student and a student of another class, taught by the target's teacher.</summary>
    public async Task<string> ProfileGroupAsync(Scope s)
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
        var response = await SendAsync("teacher/in", HttpMethod.Post, $"/api/v1/classes/{s.Class}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-18", kind = "formative", score = 6 } },
        });
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        return response.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
    }

    /// <summary>A valid request for the endpoint (so a refusal can only be the caller's), its route values filled from the scope.</summary>
    /// <summary>Pupils the matrix enrols start after the roll-calls it takes (2026-11-19): a start before them is refused.</summary>
    private const string RollCallFree = "2026-11-20";

    public async Task<(string Method, string Path, object? Body)> RequestAsync(string endpoint, Scope s, string? nodeId = null)
    {
        var (method, pattern) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        method = method == "ANY" ? "GET" : method; // health checks answer any method
        if (pattern.Contains("{nodeId}", StringComparison.Ordinal) && nodeId is null)
        {
            throw new ArgumentException($"{endpoint} takes a node: give its level.", nameof(nodeId));
        }
        // The years' endpoints on a year without classes: the matrix's own year stays open for every other row (an operator gets 404).
        pattern = pattern.StartsWith("/api/v1/years/", StringComparison.Ordinal) ? pattern.Replace("{academicYear}", "2031-2032") : pattern;
        if (pattern == "/api/v1/public/ratings/{nodeId}" && (nodeId is "KZ" || nodeId == s.Region || nodeId == s.District))
        {
            await PublishedRatingAsync(nodeId!);
        }
        if (pattern.StartsWith("/applications/{applicationId}", StringComparison.Ordinal))
        {
            // The pages' own: the target parent's certificate at the target school to read; a form (refused for its token first) to anything.
            return (method, pattern.Replace("{applicationId}", method == "GET"
                ? (await ApplicationRequestAsync(method, "/api/v1/applications/{applicationId}", s)).Path["/api/v1/applications/".Length..]
                : Guid.NewGuid().ToString()), null);
        }
        if (pattern.StartsWith("/api/v1/forums/{forumId}", StringComparison.Ordinal) || pattern.StartsWith("/forums/{forumId}", StringComparison.Ordinal))
        {
            return await ForumRequestAsync(method, pattern, s);
        }
        if (pattern.StartsWith("/api/v1/seminars", StringComparison.Ordinal) || pattern == "/api/v1/public/seminar-certificates/{code}")
        {
            return await SeminarRequestAsync(method, pattern, s);
        }
        if (pattern.StartsWith("/api/v1/materials", StringComparison.Ordinal))
        {
            return await MaterialRequestAsync(method, pattern, s);
        }
        if (pattern.StartsWith("/materials/", StringComparison.Ordinal))
        {
            // The pages' own: the published material to read, the target teacher's draft to edit; a form (refused for its
            // token first) to any material.
            var material = method != "GET" ? Guid.NewGuid().ToString()
                : pattern.EndsWith("/edit", StringComparison.Ordinal)
                    ? (await MaterialRequestAsync("PUT", "/api/v1/materials/{materialId:guid}", s)).Path["/api/v1/materials/".Length..]
                    : (await MaterialRequestAsync("GET", "/api/v1/materials/{materialId:guid}", s)).Path["/api/v1/materials/".Length..];
            return (method, pattern.Replace("{MaterialId:guid}", material).Replace("{materialId:guid}", material)
                .Replace("{attachmentId:guid}", Guid.NewGuid().ToString()).Replace("{commentId:guid}", Guid.NewGuid().ToString()), null);
        }
        if (pattern.StartsWith("/seminars/", StringComparison.Ordinal))
        {
            // The pages' own: the district's seminar to read; a form (refused for its token first) to any seminar.
            var seminar = pattern.Contains("{SeminarId}", StringComparison.Ordinal)
                ? (await SeminarRequestAsync("GET", "/api/v1/seminars/{seminarId:guid}", s)).Path["/api/v1/seminars/".Length..]
                : Guid.NewGuid().ToString();
            return (method, pattern.Replace("{SeminarId}", seminar).Replace("{seminarId:guid}", seminar), null);
        }
        if (pattern.StartsWith("/api/v1/applications", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/me/children", StringComparison.Ordinal)
            || pattern.StartsWith("/api/v1/me/notification", StringComparison.Ordinal)
            || pattern == "/api/v1/policies/services/{service}")
        {
            return await ApplicationRequestAsync(method, pattern, s);
        }
        var path = pattern.Replace("{nodeId}", nodeId).Replace("{metric}", "attendanceRate").Replace("{classId}", s.Class).Replace("{studentId}", s.Student)
            .Replace("{documentName}", "v1").Replace("{districtId}", s.District).Replace("{documentName?}", "v1")
            .Replace("{term:int}", "1").Replace("{documentId}", Guid.NewGuid().ToString())
            .Replace("{code}", EduInfo.Domain.YearEnd.VerificationCode.Of(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)))
            .Replace("{PathCode}", EduInfo.Domain.YearEnd.VerificationCode.Of(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20))).Replace("{organizationKind}", "school").Replace("{academicYear}", "2026-2027");
        if (pattern == "/api/v1/nodes/{nodeId}/trends")
        {
            return (method, path + "?metric=attendance", null);
        }
        if (pattern is "/api/v1/public/nodes/{nodeId}/trend" or "/api/v1/public/nodes/{nodeId}/trend.csv")
        {
            return (method, path + "?metric=quality&term=2", null);
        }
        if (pattern is "/api/v1/public/nodes/{nodeId}/breakdowns" or "/api/v1/public/nodes/{nodeId}/breakdowns.csv")
        {
            return (method, path + "?dimension=grade", null);
        }
        if (pattern == "/api/v1/nodes/{nodeId}/breakdowns")
        {
            path += "?dimension=sex&term=1"; // a breakdown names its dimension
        }
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
        if (pattern == "/api/v1/classes/{classId}/pupils")
        {
            // A new pupil each time: a fresh IIN.
            return ("POST", path, PupilApiTests.Pupil(PupilApiTests.FreshIin(), date: RollCallFree));
        }
        if (pattern.StartsWith("/api/v1/students/{studentId}/", StringComparison.Ordinal) && pattern != "/api/v1/students/{studentId}/transfers"
            && (pattern.Contains("/parents", StringComparison.Ordinal) || pattern.EndsWith("/leaving", StringComparison.Ordinal) || pattern.EndsWith("/corrections", StringComparison.Ordinal)))
        {
            // A pupil of its own in the target class (enrolled by an operator), so every write succeeds for whoever may make it.
            var enrolled = await SendAsync("operator/in", HttpMethod.Post, $"/api/v1/classes/{s.Class}/pupils", PupilApiTests.Pupil(PupilApiTests.FreshIin(), date: RollCallFree));
            Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
            var pupil = enrolled.Body.GetProperty("studentId").GetString()!;
            var link = new { iin = PupilApiTests.FreshIin(centurySex: '4'), lastName = "Сәрсенбаева", firstName = "Гүлнар", relation = "mother", from = "2026-11-16",
                documentKind = "birthCertificate", documentNumber = "I-АЛ 0123456" };
            if (pattern.EndsWith("/unlink", StringComparison.Ordinal))
            {
                var linked = await SendAsync("operator/in", HttpMethod.Post, $"/api/v1/students/{pupil}/parents", link);
                Assert.True(linked.Status == 200, $"{linked.Status} {linked.Body}");
                return ("POST", $"/api/v1/students/{pupil}/parents/{linked.Body.GetProperty("parentId").GetString()}/unlink", new { date = "2026-11-20", reason = "matrix" });
            }
            return ("POST", pattern.Replace("{studentId}", pupil), pattern.EndsWith("/leaving", StringComparison.Ordinal) ? new { date = "2026-11-20", reason = "matrix" }
                : pattern.EndsWith("/corrections", StringComparison.Ordinal) ? new { lastName = "Сарсенбаев", reason = "matrix" } : link);
        }
        if (pattern.StartsWith("/api/v1/groups/{groupId}", StringComparison.Ordinal))
        {
            var group = await ProfileGroupAsync(s);
            return ("POST", pattern.Replace("{groupId}", group), pattern.EndsWith("/marks", StringComparison.Ordinal)
                ? new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-19", kind = "formative", score = 8 } } }
                : new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = s.Subject, date = "2026-11-19", period = 1 + Random.Shared.Next(12), absentees = Array.Empty<object>() } } });
        }
        if (pattern == "/api/v1/nodes/{nodeId}/organizations" && method == "POST")
        {
            // A new organization each time, of the kind its node manages (a college under a region).
            return (method, path, Opening("M-" + Guid.NewGuid().ToString("N")[..12], nodeId == s.Region ? "college" : "school"));
        }
        if (pattern == "/api/v1/organizations/{organizationId}/closing")
        {
            // An organization of its own, opened by an operator in the target's district, closed by whoever may.
            var id = "M-" + Guid.NewGuid().ToString("N")[..12];
            var opened = await SendAsync("operator/in", HttpMethod.Post, $"/api/v1/nodes/{s.District}/organizations", Opening(id, "school"));
            Assert.True(opened.Status == 201, $"{opened.Status} {opened.Body}");
            return (method, $"/api/v1/organizations/{id}/closing", new { date = TestClock.Today.ToString("yyyy-MM-dd"), reason = "matrix", pupils = "end" });
        }
        path = path.Replace("{organizationId}", s.Organization);
        if (pattern == "/api/v1/organizations/{organizationId}/profile" && method == "PUT")
        {
            // The organization's own profile sent back unchanged: only the caller's right decides.
            var p = (await SendAsync("operator/in", HttpMethod.Get, path, null)).Body;
            return (method, path, new
            {
                nameKk = p.GetProperty("nameKk").GetString(), nameRu = p.GetProperty("nameRu").GetString(), nameEn = p.GetProperty("nameEn").GetString(),
                languages = p.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ToArray(), kind = p.GetProperty("kind").GetString(),
                isRural = p.GetProperty("isRural").GetBoolean(),
            });
        }
        if (pattern == "/api/v1/organizations/{organizationId}/pupils/import")
        {
            // A file of one new pupil each time (a fresh IIN) into the target class.
            var file = new ByteArrayContent(PupilImportApiTests.File(PupilImportApiTests.Row(s.Class, date: RollCallFree)));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            return (method, path, file);
        }
        if (pattern == "/assets/{file}")
        {
            path = api.Services.GetRequiredService<EduInfo.Api.Web.WebAssets>().Url("app.css");
        }
        if (pattern == "/api/v1/classes/{classId}/journal")
        {
            path += $"?subjectId={s.Subject}&term=2";
        }
        if (pattern == "/api/v1/classes/{classId}/warnings")
        {
            path += "?term=2";
        }
        if (pattern.StartsWith("/api/v1/organizations/{nodeId}/", StringComparison.Ordinal))
        {
            return method == "GET" ? (method, path, null) : await StaffRequestAsync(method, pattern, path, s);
        }
        object? body = pattern switch
        {
            "/api/v1/classes/{classId}/marks" => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, date = "2026-11-19", kind = "formative", score = 8 } } },
            "/api/v1/classes/{classId}/lessons" => new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = s.Subject, date = "2026-11-19", period = 1 + Random.Shared.Next(12), absentees = Array.Empty<object>() } } },
            "/api/v1/nodes/{nodeId}/targets/{metric}" => new { targetPercent = 95 },
            "/api/v1/classes/{classId}/corrections" => new { entryId = Guid.NewGuid(), supersedes = await FreshMarkAsync(s), action = "replace", score = 9, reason = "matrix" },
            "/api/v1/classes/{classId}/terms/{term:int}/reopen" => new { reason = "matrix" },
            "/api/v1/classes/{classId}/excusals" => new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, term = 2, kind = "section", reason = "matrix" },
            "/api/v1/classes/{classId}/council" => new { decisions = new[] { new { studentId = s.Student, decision = "repeatsYear", reason = "matrix" } } },
            "/api/v1/classes/{classId}/documents" => new { studentId = s.Student, series = "ЖОБ", number = "1", issuedOn = "2026-11-20" },
            "/api/v1/classes/{classId}/documents/{documentId}/revoke" => new { reason = "matrix" },
            "/api/v1/years/2031-2032/reopen" => new { reason = "matrix" },
            "/api/v1/classes/{classId}/exams" => new { subjectId = s.Subject, marks = new[] { new { studentId = s.Student, mark = 4 } } },
            "/api/v1/classes/{classId}/exemptions" => new { entryId = Guid.NewGuid(), studentId = s.Student, subjectId = s.Subject, term = 3, ground = "medical", reason = "matrix" },
            "/api/v1/classes/{classId}/timetable" when method == "PUT" => new { validFrom = "2026-09-01", slots = new[] { new { subjectId = s.Subject, weekday = 1, period = 1 } } },
            "/api/v1/policies/{organizationKind}" => new
            {
                effectiveFrom = $"{TestClock.Today.Year + 4}-09-01", formativeScale = 10, weights = new { formative = 30, section = 30, term = 40 },
                bands = new[] { new { fromPercent = 0, mark = 2 }, new { fromPercent = 40, mark = 3 }, new { fromPercent = 65, mark = 4 }, new { fromPercent = 85, mark = 5 } },
                descriptiveGrades = new[] { 1 },
            },
            "/api/v1/policies/rating-methodology" => EduInfo.Domain.Ratings.RatingMethodologies.Default with
            {
                EffectiveFrom = new DateOnly(TestClock.Today.Year + 4, 9, 1),
            },
            "/api/v1/policies/final-attestation" => EduInfo.Domain.YearEnd.FinalAttestationPolicies.Default with
            {
                EffectiveFrom = new DateOnly(TestClock.Today.Year + 4, 9, 1),
            },
            "/api/v1/calendars/{academicYear}/{organizationKind}" => EduInfo.Domain.Calendar.SyntheticCalendar.For("2026-2027", "school"),
            "/api/v1/auth/token" => new { login = "no-such-login", password = "wrong" },
            "/api/v1/auth/refresh" => new { refreshToken = "not-a-token" },
            _ => null,
        };
        return (method, path, body);
    }

    /// <summary>
    /// A valid e-services request (issue 22): the target parent's certificate of study, a duplicate of the target school
    /// (withdrawn again before the next, so one is open at a time), a child queued at the target district.
    /// </summary>
    private async Task<(string Method, string Path, object? Body)> ApplicationRequestAsync(string method, string pattern, Scope s)
    {
        switch (pattern)
        {
            case "/api/v1/me/children":
                return method == "GET" ? (method, pattern, null) : (method, pattern, ChildClaim(out _));
            case "/api/v1/policies/services/{service}":
                return (method, "/api/v1/policies/services/firstGradeAdmission", new { decisionWorkingDays = 5 });
            case "/api/v1/me/notifications":
                return (method, pattern, null);
            case "/api/v1/me/notification-channels":
                return (method, pattern, method == "GET" ? null : new { email = "parent@example.kz", emailOn = true, quietFrom = "22:00", quietTo = "07:00" });
            case "/api/v1/me/notifications/{notificationId}/read":
                // A certificate completed at once leaves a message in the target parent's inbox.
                await FiledAsync(Certificate(s));
                var newest = (await SendAsync("parent/in", HttpMethod.Get, "/api/v1/me/notifications", null)).Body.GetProperty("items")[0].GetProperty("id").GetInt64();
                return (method, $"/api/v1/me/notifications/{newest}/read", null);
            case "/api/v1/applications" when method == "GET":
                return (method, pattern, null);
            case "/api/v1/applications":
                return (method, pattern, Certificate(s));
            case "/api/v1/applications/{applicationId}":
                return (method, $"/api/v1/applications/{await FiledAsync(Certificate(s))}", null);
            case "/api/v1/applications/{applicationId}/steps":
                return (method, $"/api/v1/applications/{await OpenDuplicateAsync()}/steps", new { action = "take" });
            case "/api/v1/applications/{applicationId}/uploads" when method == "POST":
                return (method, $"/api/v1/applications/{await OpenDuplicateAsync()}/uploads?document=photos", Pdf());
            case "/api/v1/applications/{applicationId}/uploads":
                return (method, $"/api/v1/applications/{await FiledAsync(Certificate(s))}/uploads", null);
            case "/api/v1/applications/{applicationId}/uploads/{uploadId}":
                var withUpload = await OpenDuplicateAsync();
                var uploaded = await SendAsync("parent/in", HttpMethod.Post, $"/api/v1/applications/{withUpload}/uploads?document=photos", Pdf());
                Assert.True(uploaded.Status == 201, $"{uploaded.Status} {uploaded.Body}");
                return (method, $"/api/v1/applications/{withUpload}/uploads/{uploaded.Body.GetProperty("id").GetString()}", null);
            default:
                var claimed = await SendAsync("parent/in", HttpMethod.Post, "/api/v1/me/children", ChildClaim(out var certificate));
                Assert.True(claimed.Status == 201, $"{claimed.Status} {claimed.Body}");
                var queued = await FiledAsync(new { service = "kindergartenQueue", childLinkId = claimed.Body.GetProperty("id").GetString(), officeId = s.District,
                    documents = new[] { "birthCertificate" } });
                return (method, $"/api/v1/applications/{queued}/link-confirmation", new { birthCertificate = certificate });
        }

        // One open duplicate at a time: the target parent's earlier one is withdrawn first.
        async Task<string> OpenDuplicateAsync()
        {
            foreach (var open in (await SendAsync("parent/in", HttpMethod.Get, "/api/v1/applications", null)).Body.EnumerateArray()
                         .Where(a => a.GetProperty("service").GetString() == "documentDuplicate" && a.GetProperty("state").GetString() is "filed" or "inReview"))
            {
                await SendAsync("parent/in", HttpMethod.Post, $"/api/v1/applications/{open.GetProperty("id").GetString()}/steps", new { action = "withdraw" });
            }
            return await FiledAsync(new { service = "documentDuplicate", studentId = s.Student, officeId = s.Organization, documents = new[] { "photos" } });
        }

        static HttpContent Pdf()
        {
            var content = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            return content;
        }

        async Task<string> FiledAsync(object body)
        {
            var filed = await SendAsync("parent/in", HttpMethod.Post, "/api/v1/applications", body);
            Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
            return filed.Body.GetProperty("id").GetString()!;
        }
    }

    private Guid? _forumThread;
    private int _forumAuthors;

    /// <summary>
    /// A valid forum request (issue 23) at the target school's forum: a published thread shared by the reads, replies and
    /// reports; a fresh waiting question for each moderation and close, asked by an author of its own (the rate of posting
    /// is per author).
    /// </summary>
    private async Task<(string Method, string Path, object? Body)> ForumRequestAsync(string method, string pattern, Scope s)
    {
        var forum = $"/api/v1/forums/{s.Organization}";
        if (pattern.StartsWith("/forums/", StringComparison.Ordinal))
        {
            // The pages' own: the school's forum and its published thread to read; a form (refused for its token first) to anything.
            if (pattern.Contains("{threadId}", StringComparison.Ordinal))
            {
                _forumThread ??= await PublishedAsync();
            }
            return (method, pattern.Replace("{forumId}", s.Organization).Replace("{threadId}", _forumThread?.ToString() ?? "")
                .Replace("{threadId:guid}", Guid.NewGuid().ToString()).Replace("{postId:guid}", Guid.NewGuid().ToString()), null);
        }
        switch (pattern)
        {
            case "/api/v1/forums/{forumId}":
                return (method, forum, null);
            case "/api/v1/forums/{forumId}/threads":
                return (method, forum + "/threads", new { threadId = Guid.NewGuid(), title = "Matrix question", body = "Is there a robotics club?" });
            case "/api/v1/forums/{forumId}/settings":
                return (method, forum + "/settings", new { moderation = "pre" });
        }
        _forumThread ??= await PublishedAsync();
        return pattern switch
        {
            "/api/v1/forums/{forumId}/threads/{threadId:guid}" => (method, $"{forum}/threads/{_forumThread}", null),
            "/api/v1/forums/{forumId}/threads/{threadId:guid}/posts" => (method, $"{forum}/threads/{_forumThread}/posts",
                new { postId = Guid.NewGuid(), body = "Thank you." }),
            // A published thread of its own each time: a waiting one is not there for the head to close (404), and a thread closes once.
            "/api/v1/forums/{forumId}/threads/{threadId:guid}/close" => (method, $"{forum}/threads/{await PublishedAsync()}/close", null),
            "/api/v1/forums/{forumId}/posts/{postId:guid}/reports" => (method, $"{forum}/posts/{_forumThread}/reports", new { reason = "spam" }),
            "/api/v1/forums/{forumId}/posts/{postId:guid}/moderation" => (method, $"{forum}/posts/{await AskedAsync()}/moderation", new { action = "approve" }),
            // Unblocking the shared thread's author: a moderator's 200 that blocks nobody.
            "/api/v1/forums/{forumId}/posts/{postId:guid}/block" => (method, $"{forum}/posts/{_forumThread}/block", new { blocked = false, reason = "matrix" }),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern),
        };

        async Task<Guid> AskedAsync()
        {
            var author = $"forum-author/{Interlocked.Increment(ref _forumAuthors)}";
            var asked = await SendAsync(author, HttpMethod.Post, forum + "/threads", new { threadId = Guid.NewGuid(), title = "Matrix", body = "A question." });
            Assert.True(asked.Status == 201, $"{asked.Status} {asked.Body}");
            return asked.Body.GetProperty("id").GetGuid();
        }

        async Task<Guid> PublishedAsync()
        {
            var id = await AskedAsync();
            var approved = await SendAsync("district_officer/in", HttpMethod.Post, $"{forum}/posts/{id}/moderation", new { action = "approve" });
            Assert.True(approved.Status == 200, $"{approved.Status} {approved.Body}");
            return id;
        }
    }

    private Guid? _seminar;
    private Guid? _seminarToday;
    private string? _seminarCertificate;

    /// <summary>
    /// A valid seminar request (issue 24): a seminar of the target district ten days on for the catalogue, registrations,
    /// withdrawals and participants; one just started with the target teacher seated for attendance; and that teacher's
    /// certificate for the public check.
    /// </summary>
    private async Task<(string Method, string Path, object? Body)> SeminarRequestAsync(string method, string pattern, Scope s)
    {
        switch (pattern)
        {
            case "/api/v1/seminars":
                return (method, pattern, method == "POST" ? SeminarBody(s, api.Clock.UtcNow.AddDays(10)) : null);
            case "/api/v1/public/seminar-certificates/{code}":
                _seminarCertificate ??= await CertificateOfTheDayAsync();
                return (method, $"/api/v1/public/seminar-certificates/{_seminarCertificate}", null);
            case "/api/v1/seminars/{seminarId:guid}/attendance":
                _seminarToday ??= await TodaysSeminarAsync();
                return (method, $"/api/v1/seminars/{_seminarToday}/attendance", new { marks = new[] { new { personId = s.Teacher, attended = true } } });
        }
        _seminar ??= await AnnounceAsync(api.Clock.UtcNow.AddDays(10));
        return (method, pattern.Replace("{seminarId:guid}", _seminar.ToString()), null);

        async Task<Guid> AnnounceAsync(DateTimeOffset startsAt)
        {
            var created = await SendAsync("district_officer/in", HttpMethod.Post, "/api/v1/seminars", SeminarBody(s, startsAt));
            Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
            return created.Body.GetProperty("id").GetGuid();
        }

        async Task<Guid> TodaysSeminarAsync()
        {
            // A seminar starting in a minute, the target teacher registered; then the clock two minutes on: it has started,
            // so attendance is open (the matrix's other rows do not mind two minutes).
            var startsAt = api.Clock.UtcNow.AddMinutes(1);
            var id = await AnnounceAsync(startsAt);
            var registered = await SendAsync("teacher/in", HttpMethod.Post, $"/api/v1/seminars/{id}/registrations", null);
            Assert.True(registered.Status == 201, $"{registered.Status} {registered.Body}");
            api.Time.SetUtcNow(startsAt.AddMinutes(1));
            return id;
        }

        async Task<string> CertificateOfTheDayAsync()
        {
            _seminarToday ??= await TodaysSeminarAsync();
            var marked = await SendAsync("district_officer/in", HttpMethod.Put, $"/api/v1/seminars/{_seminarToday}/attendance",
                new { marks = new[] { new { personId = s.Teacher, attended = true } } });
            Assert.True(marked.Status == 204, $"{marked.Status} {marked.Body}");
            return (await SendAsync("teacher/in", HttpMethod.Get, $"/api/v1/seminars/{_seminarToday}", null)).Body.GetProperty("mine").GetProperty("certificateCode").GetString()!;
        }
    }

    private (Guid Material, Guid Attachment)? _publishedMaterial;

    /// <summary>
    /// A valid material request (issue 24): the target teacher's material, published by the district, with an attachment,
    /// for reading, downloading, commenting and rating; a fresh draft of theirs for each edit, attachment, removal and
    /// submission; a fresh one in review for each review; a fresh comment (written through the store, past the rate of
    /// posting) for each moderation.
    /// </summary>
    private async Task<(string Method, string Path, object? Body)> MaterialRequestAsync(string method, string pattern, Scope s)
    {
        if (pattern == "/api/v1/materials")
        {
            return (method, pattern, method == "POST" ? MaterialBody(s) : null);
        }
        _publishedMaterial ??= await PublishedAsync();
        var (published, attachment) = _publishedMaterial.Value;
        switch (pattern)
        {
            case "/api/v1/materials/{materialId:guid}" when method == "PUT":
                return (method, $"/api/v1/materials/{await DraftAsync()}", MaterialBody(s));
            case "/api/v1/materials/{materialId:guid}/attachments":
                return (method, $"/api/v1/materials/{await DraftAsync()}/attachments?name=plan.pdf", new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray()));
            case "/api/v1/materials/{materialId:guid}/attachments/{attachmentId:guid}" when method == "DELETE":
            {
                var draft = await DraftAsync();
                return (method, $"/api/v1/materials/{draft}/attachments/{await AttachAsync(draft)}", null);
            }
            case "/api/v1/materials/{materialId:guid}/submission":
                return (method, $"/api/v1/materials/{await DraftAsync()}/submission", null);
            case "/api/v1/materials/{materialId:guid}/review":
            {
                var draft = await DraftAsync();
                Assert.Equal(200, (await SendAsync("teacher/in", HttpMethod.Post, $"/api/v1/materials/{draft}/submission", null)).Status);
                return (method, $"/api/v1/materials/{draft}/review", new { action = "publish" });
            }
            case "/api/v1/materials/{materialId:guid}/comments":
                return (method, pattern.Replace("{materialId:guid}", published.ToString()), new { commentId = Guid.NewGuid(), body = "Пайдалы материал, рақмет!" });
            case "/api/v1/materials/{materialId:guid}/comments/{commentId:guid}/moderation":
            {
                var comment = Guid.NewGuid();
                var written = await new EduInfo.Storage.Materials.MaterialStore(api.Db.DataSource).CommentAsync(
                    new(comment, published, "matrix-commenter", EduInfo.Domain.Forums.ForumAuthorKind.Teacher, "Түсінікті жазылған.", "<p>Түсінікті жазылған.</p>",
                        EduInfo.Domain.Forums.ForumPostState.Published, [], api.Clock.UtcNow), int.MaxValue, TimeSpan.FromMinutes(1),
                    new EduInfo.Storage.Audit.AuditEntry("matrix-commenter", [], null, "material.comment", "material", published.ToString(), null, "committed"));
                Assert.Equal(EduInfo.Storage.Materials.MaterialWrite.Done, written);
                return (method, $"/api/v1/materials/{published}/comments/{comment}/moderation", new { action = "reject", reason = "Тақырыпқа қатысы жоқ" });
            }
            case "/api/v1/materials/{materialId:guid}/rating":
                return (method, $"/api/v1/materials/{published}/rating", new { stars = 4 });
        }
        return (method, pattern.Replace("{materialId:guid}", published.ToString()).Replace("{attachmentId:guid}", attachment.ToString()), null);

        async Task<Guid> DraftAsync()
        {
            var created = await SendAsync("teacher/in", HttpMethod.Post, "/api/v1/materials", MaterialBody(s));
            Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
            return created.Body.GetProperty("material").GetProperty("id").GetGuid();
        }

        async Task<Guid> AttachAsync(Guid material)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/materials/{material}/attachments?name=plan.pdf")
            {
                Content = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray()),
            };
            authenticate(request, "teacher/in", s);
            using var response = await api.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
            return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        }

        async Task<(Guid, Guid)> PublishedAsync()
        {
            var draft = await DraftAsync();
            var file = await AttachAsync(draft);
            Assert.Equal(200, (await SendAsync("teacher/in", HttpMethod.Post, $"/api/v1/materials/{draft}/submission", null)).Status);
            var reviewed = await SendAsync("district_officer/in", HttpMethod.Post, $"/api/v1/materials/{draft}/review", new { action = "publish" });
            Assert.True(reviewed.Status == 200, $"{reviewed.Status} {reviewed.Body}");
            return (draft, file);
        }
    }

    private static object MaterialBody(Scope s) => new
    {
        title = "Бөлшектерді қосу: сабақ жоспары", summary = "5-сынып, математика", body = "## Мақсаты\nОқушылар бөлшектерді қосады.",
        subjectId = s.Subject, grade = 5, language = "kk",
    };

    private static object SeminarBody(Scope s, DateTimeOffset startsAt) => new
    {
        organizerId = s.District, topic = "Matrix seminar", audience = "teachers", language = "ru", startsAt, endsAt = startsAt.AddHours(2),
        place = "Кабинет 12", capacity = 30,
    };

    private static object Certificate(Scope s) => new { service = "studyCertificate", studentId = s.Student, officeId = s.Organization, documents = Array.Empty<string>() };

    /// <summary>A child of two (a fresh IIN) as a parent names them.</summary>
    private static object ChildClaim(out string certificate)
    {
        var iin = PupilApiTests.FreshIin("240312", '5');
        certificate = "I-АЛ " + Random.Shared.Next(1000000, 9999999);
        return new { iin, lastName = "Матрица", firstName = "Айару", birthDate = "2024-03-12", birthCertificate = certificate };
    }

    /// <summary>A rating of the area stored as published (through the store: the matrix reads it, whoever may publish).</summary>
    private async Task PublishedRatingAsync(string area)
    {
        var methodology = EduInfo.Domain.Ratings.RatingMethodologies.Default;
        await new EduInfo.Storage.Ratings.RatingStore(api.Db.DataSource).PublishAsync(
            new(0, area, "2026-2027", 1, DateTimeOffset.UnixEpoch, methodology, [], [], []), "matrix",
            new EduInfo.Storage.Audit.AuditEntry("matrix", [], null, "rating.publish", "node", area, null, "committed"));
    }

    /// <summary>A valid opening of an organization (issue 18).</summary>
    internal static object Opening(string id, string kind) => new
    {
        id, nameKk = "Матрица мектебі", nameRu = "Школа матрицы", nameEn = "Matrix school", languages = new[] { "kk" }, kind, isRural = true, openedOn = "2026-11-02",
    };

    /// <summary>A valid staff request (issue 18): a fresh member of staff of the target's organization where one is needed.</summary>
    private async Task<(string Method, string Path, object? Body)> StaffRequestAsync(string method, string pattern, string path, Scope s)
    {
        if (pattern.EndsWith("/staff", StringComparison.Ordinal) || pattern.EndsWith("/assignments", StringComparison.Ordinal))
        {
            return (method, path, pattern.EndsWith("/staff", StringComparison.Ordinal)
                ? new { iin = StaffWorld.NewIin(), lastName = "Матрица", firstName = "Әлия", hiredOn = "2026-09-01" }
                : new { teacherId = await StaffWorld.NewStaffAsync(api.Db, s.Organization), groupId = s.Class, subjectId = s.Subject, from = "2026-09-01" });
        }
        var staff = await StaffWorld.NewStaffAsync(api.Db, s.Organization);
        path = path.Replace("{staffId}", staff);
        if (pattern.EndsWith("/leave", StringComparison.Ordinal))
        {
            return (method, path, new { lastDay = TestClock.Today.ToString("yyyy-MM-dd") });
        }
        if (pattern.EndsWith("/account", StringComparison.Ordinal))
        {
            return (method, path, new { login = "m" + staff.ToLowerInvariant().Replace("-", "") });
        }
        if (pattern.EndsWith("/end", StringComparison.Ordinal))
        {
            var id = await api.Db.ScalarAsync<long>(
                "INSERT INTO assignments (teacher_id, group_id, subject_id, from_date) VALUES (@t, @g, @s, '2026-09-01') RETURNING id",
                ("t", staff), ("g", s.Class), ("s", s.Subject));
            return (method, path.Replace("{assignmentId}", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new { to = "2026-09-30" });
        }
        if (pattern.EndsWith("/class-teacher", StringComparison.Ordinal))
        {
            // Another class of the school: a new class teacher takes the class's grant from every other account, the
            // matrix's class_teacher/in of the target class too.
            var other = api.Registry.Data.Classes.Where(c => c.OrganizationId == s.Organization && c.Id != s.Class).OrderBy(c => c.Id).Last().Id;
            var from = await api.Db.ScalarAsync<DateOnly>(
                "SELECT coalesce(max(from_date) + 1, DATE '2026-09-01') FROM class_teachers WHERE class_id = @c", ("c", other));
            return (method, path.Replace(s.Class, other), new { teacherId = staff, from = from.ToString("yyyy-MM-dd") });
        }
        var otherSubject = await api.Db.ScalarAsync<string>("SELECT id FROM subjects WHERE id <> @s ORDER BY id LIMIT 1", ("s", s.Subject));
        return (method, path, new { groupId = s.Class, subjectId = otherSubject, name = "Матрица 1", studentIds = new[] { s.Student }, from = "2026-11-02" });
    }
}
