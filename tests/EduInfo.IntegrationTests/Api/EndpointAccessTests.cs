using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// The access check every signed-in endpoint passes before its handler runs: no caller is a 401 whatever the target;
/// an unknown target, or a node of the wrong kind, is a 404 naming what was not found, even for a caller with no rights
/// anywhere (so a 403 never confirms that an id exists); personal-data reads are audited, refused ones too.
/// </summary>
public sealed class EndpointAccessTests(ApiHost api) : IClassFixture<ApiHost>
{
    // Holds no grant that reaches any class, node or student of the demo country.
    private const string Stranger = "user=stranger; roles=parent@P-NOBODY";
    private const string NoClass = "There is no such class.";
    private const string NoGroup = "There is no such profile group.";
    private const string NoNode = "There is no such node in the management hierarchy.";
    private const string NoStudent = "There is no such student.";

    /// <summary>Method, path (<c>{org}</c> = a real organization: a node, but not a class), the 404's detail.</summary>
    public static TheoryData<string, string, string> UnknownTargets => new()
    {
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/marks", NoClass },
        { "POST", "/api/v1/classes/{org}/marks", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/lessons", NoClass },
        { "POST", "/api/v1/classes/{org}/corrections", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/excusals", NoClass },
        { "POST", "/api/v1/classes/{org}/exemptions", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/exams", NoClass },
        { "GET", "/api/v1/classes/{org}/year-end", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/council", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/documents", NoClass },
        { "GET", "/api/v1/classes/{org}/documents", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/documents/00000000-0000-0000-0000-000000000001/revoke", NoClass },
        { "POST", "/api/v1/classes/{org}/terms/1/close", NoClass },
        { "POST", "/api/v1/classes/NO-SUCH-CLASS/terms/1/reopen", NoClass },
        { "GET", "/api/v1/classes/{org}/journal?subjectId=MAT&term=1", NoClass },
        { "POST", "/api/v1/groups/NO-SUCH-GROUP/marks", NoGroup },
        { "POST", "/api/v1/groups/NO-SUCH-GROUP/lessons", NoGroup },
        { "GET", "/api/v1/nodes/NO-SUCH-NODE/summary", NoNode },
        { "GET", "/api/v1/nodes/NO-SUCH-NODE/children", NoNode },
        { "GET", "/api/v1/nodes/NO-SUCH-NODE/live", NoNode },
        { "GET", "/api/v1/students/NO-SUCH-STUDENT", NoStudent },
        { "GET", "/api/v1/students/NO-SUCH-STUDENT/diary", NoStudent },
        { "GET", "/api/v1/students/NO-SUCH-STUDENT/live", NoStudent },
    };

    [Theory]
    [MemberData(nameof(UnknownTargets))]
    public async Task An_unknown_target_is_a_401_without_a_caller_and_a_404_naming_it_even_for_a_caller_without_rights(string method, string path, string detail)
    {
        path = path.Replace("{org}", api.Registry.Data.Classes[0].OrganizationId, StringComparison.Ordinal);
        var body = method == "POST" ? "{}" : null;

        var anonymous = await api.Http.SendJsonAsync(new HttpMethod(method), path, actor: null, rawBody: body, acceptLanguage: "en");
        Assert.Equal((401, "https://eduinfo.kz/problems/unauthorized"), (anonymous.Status, anonymous.Body.GetProperty("type").GetString()));

        var stranger = await api.Http.SendJsonAsync(new HttpMethod(method), path, actor: Stranger, rawBody: body, acceptLanguage: "en");
        Assert.Equal((404, "https://eduinfo.kz/problems/not-found", detail),
            (stranger.Status, stranger.Body.GetProperty("type").GetString(), stranger.Body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_refused_personal_data_read_is_audited_as_denied_and_an_unknown_student_leaves_no_row()
    {
        var t = api.Registry.InClass(2);
        var student = t.Roster[0];
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;

        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{student}", Stranger)).Status);
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", Stranger)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/students/NO-SUCH-STUDENT/diary", Stranger)).Status);

        // Only the two refusals, each with the student's organization and no detail: what was refused is not described.
        var rows = await api.Db.ScalarAsync<string>("""
            SELECT string_agg(action || ' ' || target_kind || ' ' || target_id || ' ' || organization_id || ' ' || outcome || ' ' || detail::text, ' | ' ORDER BY id)
            FROM audit_log WHERE actor_id = 'stranger'
            """);
        Assert.Equal($"student.card.read student {student} {organization} denied {{}} | diary.read student {student} {organization} denied {{}}", rows);
    }
}
