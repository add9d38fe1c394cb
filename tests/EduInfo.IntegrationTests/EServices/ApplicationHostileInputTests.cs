using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// The hostile corpus of the e-services' endpoints (issue 22): bodies that cannot bind, ids that are SQL, markup or NUL,
/// oversized lists and texts, control and bidirectional characters in a child's name, impossible windows — each a
/// localized 4xx naming what is wrong, never a 5xx, and nothing written.
/// </summary>
public sealed class ApplicationHostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Operator = ApplicationApiTests.Operator;

    private string ParentId => api.Registry.Data.StudentParents.OrderBy(p => p.ParentId).First().ParentId;

    private string Parent => ApplicationApiTests.Parent(ParentId);

    /// <summary>The first valid IIN of a girl born on 15 March 2020 (deterministic: theory data must be the same at discovery and run).</summary>
    private static readonly string Iin = Enumerable.Range(0, 10000).Select(n => $"2003156{n:D4}")
        .Select(first11 => EduInfo.Domain.Registry.Iin.CheckDigit(first11) is { } check ? first11 + check : null).First(i => i is not null)!;

    private static string Child(string? iin = null, string lastName = "Сәрсенова", string birthCertificate = "I-АЛ 1234567", string birthDate = "2020-03-15") =>
        JsonSerializer.Serialize(new { iin = iin ?? Iin, lastName, firstName = "Айару", birthDate, birthCertificate });

    public static TheoryData<string, string, int, string> Bodies() => new()
    {
        // Filing.
        { "a service that is a number", "POST /api/v1/applications {\"service\":2,\"officeId\":\"X\",\"documents\":[]}", 400, "service" },
        { "a service that is SQL", "POST /api/v1/applications {\"service\":\"x'; DROP TABLE service_applications;--\",\"officeId\":\"X\",\"documents\":[]}", 400, "service" },
        { "an office that is markup", "POST /api/v1/applications {\"service\":\"firstGradeAdmission\",\"childLinkId\":\"6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60\",\"officeId\":\"<script>alert(1)</script>\",\"documents\":[\"photos\"]}", 400, "childLinkId:childNotFound" },
        { "a pupil id that is SQL", "POST /api/v1/applications {\"service\":\"studyCertificate\",\"studentId\":\"' OR 1=1 --\",\"officeId\":\"X\",\"documents\":[]}", 400, "studentId:childNotFound" },
        { "a pupil id of 10 000 characters", $"POST /api/v1/applications {{\"service\":\"studyCertificate\",\"studentId\":\"{new string('a', 10000)}\",\"officeId\":\"X\",\"documents\":[]}}", 400, "child:required" },
        { "30 documents", $"POST /api/v1/applications {{\"service\":\"studyCertificate\",\"studentId\":\"S\",\"officeId\":\"X\",\"documents\":[{string.Join(",", Enumerable.Repeat("\"photos\"", 30))}]}}", 400, "documents:required" },
        { "a document kind that is not one", "POST /api/v1/applications {\"service\":\"studyCertificate\",\"studentId\":\"S\",\"officeId\":\"X\",\"documents\":[\"passport\"]}", 400, "documents" },
        { "a priority that is a number", "POST /api/v1/applications {\"service\":\"kindergartenQueue\",\"studentId\":\"S\",\"officeId\":\"X\",\"documents\":[],\"priority\":99}", 400, "priority" },
        { "a child link that is no GUID", "POST /api/v1/applications {\"service\":\"kindergartenQueue\",\"childLinkId\":\"1 OR 1=1\",\"officeId\":\"X\",\"documents\":[]}", 400, "childLinkId" },
        { "an array instead of an object", "POST /api/v1/applications [1,2,3]", 400, "" },
        // A child named.
        { "an IIN whose check digit is wrong", "POST /api/v1/me/children " + Child(iin: Iin[..11] + (char)('0' + (Iin[11] - '0' + 1) % 10)), 400, "iin:iinInvalid" },
        { "a right-to-left override in the name", "POST /api/v1/me/children " + Child(lastName: "Сәрсе\u202Eнова"), 400, "lastName:nameInvalid" },
        { "a NUL in the name", "POST /api/v1/me/children " + Child(lastName: "Сәрсе\u0000нова"), 400, "lastName:nameInvalid" },
        { "a name that is markup", "POST /api/v1/me/children " + Child(lastName: "<img src=x onerror=alert(1)>"), 400, "lastName:nameInvalid" },
        { "a certificate number that is SQL", "POST /api/v1/me/children " + Child(birthCertificate: "1'; DELETE FROM child_links;--"), 400, "birthCertificate:documentNumberInvalid" },
        { "a birth date the IIN does not encode", "POST /api/v1/me/children " + Child(birthDate: "2020-03-16"), 400, "birthDate:iinBirthDateMismatch" },
        // Steps of an application that does not exist, and of one that is not a GUID.
        { "a step of an id that is SQL", "POST /api/v1/applications/'%20OR%201=1/steps {\"action\":\"take\"}", 404, "" },
        { "a step of a random id", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"take\"}", 404, "" },
        { "an action that is not one", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"delete\"}", 400, "action" },
        { "a ground that is not one", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"refuse\",\"ground\":\"dislike\"}", 400, "ground" },
        { "a direction to a kindergarten that is SQL", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"direct\",\"organizationId\":\"' OR 1=1\"}", 404, "" },
        { "a priority confirmation that is a string", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"enqueue\",\"priorityConfirmed\":\"yes\"}", 400, "priorityConfirmed" },
        { "a duplicate's original that is no GUID", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"complete\",\"documentId\":\"' OR 1=1\"}", 400, "documentId" },
        { "a duplicate's blank number that is an array", "POST /api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/steps {\"action\":\"complete\",\"number\":[1]}", 400, "number" },
        { "a message id that is SQL", "POST /api/v1/me/notifications/1%20OR%201=1/read {}", 404, "" },
        { "a message id that is negative", "POST /api/v1/me/notifications/-1/read {}", 404, "" },
        { "a message id past a long", "POST /api/v1/me/notifications/99999999999999999999/read {}", 404, "" },
        { "a confirmation of a markup id", "POST /api/v1/applications/%3Cscript%3E/link-confirmation {\"birthCertificate\":\"x\"}", 404, "" },
        // The channels of notifications: an address that would inject a header, a number abroad, channels without addresses, odd types.
        { "an e-mail carrying a Bcc header", "PUT /api/v1/me/notification-channels {\"email\":\"a@b.kz\\r\\nBcc: all@evil.example\",\"emailOn\":true}", 400, "email:emailInvalid" },
        { "an e-mail of 10 000 characters", $"PUT /api/v1/me/notification-channels {{\"email\":\"{new string('a', 10000)}@b.kz\",\"emailOn\":true}}", 400, "email:emailInvalid" },
        { "an e-mail that is markup", "PUT /api/v1/me/notification-channels {\"email\":\"<script>@x.kz\"}", 400, "email:emailInvalid" },
        { "a phone that is SQL", "PUT /api/v1/me/notification-channels {\"phone\":\"+7 701'; DROP TABLE notification_outbox;--\",\"smsOn\":true}", 400, "phone:phoneInvalid" },
        { "a premium-rate number abroad", "PUT /api/v1/me/notification-channels {\"phone\":\"+44 909 879 0000\",\"smsOn\":true}", 400, "phone:phoneInvalid" },
        { "SMS on without a phone", "PUT /api/v1/me/notification-channels {\"smsOn\":true}", 400, "phone:addressMissing" },
        { "quiet hours that are a script", "PUT /api/v1/me/notification-channels {\"quietFrom\":\"<b>\",\"quietTo\":\"07:00\"}", 400, "quietFrom:quietHoursInvalid" },
        { "a channel switch that is a string", "PUT /api/v1/me/notification-channels {\"emailOn\":\"yes\"}", 400, "emailOn" },
        { "a subscription switch that is a string", "PUT /api/v1/me/notification-channels {\"marksOn\":\"yes\"}", 400, "marksOn" },
        { "a subscription switch that is a number", "PUT /api/v1/me/notification-channels {\"absencesOn\":1}", 400, "absencesOn" },
        { "a subscription switch that is an object", "PUT /api/v1/me/notification-channels {\"termMarksOn\":{}}", 400, "termMarksOn" },
        { "channels as an array", "PUT /api/v1/me/notification-channels [1]", 400, "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_request_is_a_localized_4xx_and_nothing_is_written(string because, string request, int status, string error)
    {
        var (method, path, body) = HostileCorpus.Parse(request);
        var before = await CountAsync();
        var response = await api.Http.SendJsonAsync(method, path, actor: Parent, acceptLanguage: "kk", rawBody: body);
        HostileCorpus.AssertRefused(response, because, status, error, "kk");
        Assert.Equal(before, await CountAsync());
    }

    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("SELECT (SELECT count(*) FROM service_applications) + (SELECT count(*) FROM child_links) + (SELECT count(*) FROM application_transitions) + (SELECT count(*) FROM notification_channels)");

    [Theory]
    [InlineData("noSuchService", "{\"decisionWorkingDays\":5}", 404)]
    [InlineData("1", "{\"decisionWorkingDays\":5}", 404)]
    [InlineData("%00", "{\"decisionWorkingDays\":5}", 400)]
    [InlineData("firstGradeAdmission", "{\"decisionWorkingDays\":100000}", 400)]
    [InlineData("firstGradeAdmission", "{\"decisionWorkingDays\":0}", 400)]
    [InlineData("firstGradeAdmission", "{\"windowFrom\":\"13-40\",\"windowTo\":\"08-31\"}", 400)]
    [InlineData("firstGradeAdmission", "{\"windowFrom\":\"02-30\",\"windowTo\":\"08-31\"}", 400)]
    [InlineData("firstGradeAdmission", "{\"windowFrom\":\"04-01\"}", 400)]
    [InlineData("firstGradeAdmission", "{\"windowFrom\":\"+4-01\",\"windowTo\":\"08-31\"}", 400)]
    [InlineData("studyCertificate", "{\"decisionWorkingDays\":3}", 400)]
    [InlineData("kindergartenQueue", "{\"windowFrom\":\"04-01\",\"windowTo\":\"08-31\"}", 400)]
    public async Task An_impossible_term_or_window_is_refused_and_the_catalogue_stays(string service, string body, int status)
    {
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_settings");
        var response = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/policies/services/{service}", actor: Operator, acceptLanguage: "ru", rawBody: body);
        Assert.True(response.Status == status, $"{service} {body}: {response.Status} {response.Body}");
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_settings"));
    }

    [Theory]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads?document=photos,birthCertificate", 400)]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads?document=1", 400)]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads?document=%00", 400)]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads?document=photos%27%3B--", 400)]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads", 400)]
    [InlineData("6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads?document=photos", 404)]
    [InlineData("%3Cscript%3E/uploads?document=photos", 404)]
    public async Task A_hostile_upload_is_refused_and_nothing_is_stored(string path, int status)
    {
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_uploads");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications/" + path) { Content = new ByteArrayContent("%PDF-1.7\n%%EOF"u8.ToArray()) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Headers.Add(HttpExtensions.ActorHeader, Parent);
        using var response = await api.Http.SendAsync(request);
        Assert.True((int)response.StatusCode == status, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM application_uploads"));
    }

    [Theory]
    [InlineData("/api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads/'%20OR%201=1")]
    [InlineData("/api/v1/applications/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/uploads/%00")]
    [InlineData("/api/v1/applications/%00")]
    [InlineData("/api/v1/applications/'%20OR%201=1")]
    [InlineData("/api/v1/applications/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/api/v1/public/certificates/'%20OR%201=1")]
    [InlineData("/api/v1/public/certificates/%3Cscript%3E")]
    [InlineData("/api/v1/public/queues/%00")]
    [InlineData("/api/v1/public/queues/'%20OR%201=1")]
    [InlineData("/api/v1/public/queues/%3Cscript%3E")]
    [InlineData("/api/v1/nodes/'%20OR%201=1/applications")]
    [InlineData("/api/v1/nodes/%3Cscript%3E/applications/overdue")]
    public async Task Hostile_ids_are_refused_or_not_found_never_a_5xx(string path)
    {
        var response = await api.Http.GetJsonAsync(path, Parent, "en");
        Assert.True(response.Status is 400 or 404, $"{path}: {response.Status} {response.Body}");
        Assert.DoesNotContain("<script", response.Body.ValueKind == JsonValueKind.Undefined ? "" : response.Body.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }
}
