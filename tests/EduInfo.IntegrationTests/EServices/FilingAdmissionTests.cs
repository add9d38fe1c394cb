using System.Net.Http.Json;
using System.Text.Json;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>An Api whose filings admission is tiny (one filing at a time, one waiting, 100 ms wait); the journal's is as shipped.</summary>
public sealed class FilingAdmissionHost : ApiHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Admission:Filings:MaxConcurrentWrites"] = "1";
        settings["Admission:Filings:QueueLimit"] = "1";
        settings["Admission:Filings:QueueTimeout"] = "00:00:00.100";
        settings["Admission:Filings:RetryAfterSeconds"] = "3";
        settings["RateLimits:PerAddressPerSecond"] = "0";
        settings["RateLimits:PerUserPerSecond"] = "0";
    }
}

/// <summary>
/// Issue 22, item 8 (the opening minute), its rule in a test: far more filings at once than the filings admission takes.
/// Each is filed (201) or refused at once with the localized 503 "overloaded" and Retry-After — never a 5xx of another
/// kind; resent with the same id, every refused one is filed; the desk holds each application exactly once, and the
/// journal's writes, in their own admission, are acknowledged meanwhile. (Speed: bench/, not here.)
/// </summary>
[Collection(OverloadCollection.Name)]
public sealed class FilingAdmissionTests(FilingAdmissionHost api) : IClassFixture<FilingAdmissionHost>
{
    [Fact]
    public async Task A_burst_of_filings_is_filed_or_refused_with_retry_after_and_each_is_kept_once_while_the_journal_writes()
    {
        var data = api.Registry.Data;
        var filings = data.StudentParents.GroupBy(p => p.ParentId).Select(g => g.First()).Take(60).Select(p =>
        {
            var klass = data.Enrolments.First(e => e.StudentId == p.StudentId).ClassId;
            var school = data.Classes.Single(c => c.Id == klass).OrganizationId;
            return (Parent: ApplicationApiTests.Parent(p.ParentId),
                Body: new { applicationId = Guid.NewGuid(), service = "studyCertificate", studentId = p.StudentId, officeId = school, documents = Array.Empty<string>() });
        }).ToList();
        Assert.True(filings.Count >= 40, $"only {filings.Count} parents in the tiny country");

        // Everything at once, and a journal write in the middle of it.
        var teaching = api.Registry.Teachings()[0];
        var burst = filings.Select(f => SendAsync(HttpMethod.Post, "/api/v1/applications", f.Body, f.Parent)).ToList();
        var journal = SendAsync(HttpMethod.Post, $"/api/v1/classes/{teaching.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date = "2026-11-23", kind = "formative", score = 8 } },
        }, $"user={teaching.TeacherId}; roles=teacher");
        var answers = await Task.WhenAll(burst);
        var written = await journal;

        Assert.All(answers, a => Assert.True(a.Status is 201 or 503, $"{a.Status} {a.Body}"));
        var refused = answers.Where(a => a.Status == 503).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(answers, a => a.Status == 201);
        Assert.All(refused, r =>
        {
            // Spread: each refusal its turn, from 3 s on, at the rate the one slot takes filings.
            Assert.InRange(int.Parse(r.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 3, 120);
            Assert.Equal("https://eduinfo.kz/problems/overloaded", r.Body.GetProperty("type").GetString());
            Assert.Equal("kk", r.Body.GetProperty("language").GetString());
        });
        Assert.True(written.Status is 200 or 201, $"the journal's write during the burst: {written.Status} {written.Body}");

        // Resent with the same ids (as a client honouring Retry-After does), every refused filing is filed, none twice.
        for (var round = 0; round < 20 && filings.Count(f => !Filed(f.Body.applicationId)) > 0; round++)
        {
            foreach (var f in filings.Where(f => !Filed(f.Body.applicationId)).ToList())
            {
                var again = await SendAsync(HttpMethod.Post, "/api/v1/applications", f.Body, f.Parent);
                Assert.True(again.Status is 201 or 503, $"{again.Status} {again.Body}");
                if (again.Status == 201)
                {
                    _filed.Add(f.Body.applicationId);
                }
            }
        }
        foreach (var (a, f) in answers.Zip(filings).Where(x => x.First.Status == 201))
        {
            _filed.Add(f.Body.applicationId);
        }
        var ids = filings.Select(f => f.Body.applicationId).ToArray();
        Assert.Equal(filings.Count, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE id = ANY (@ids)", ("ids", ids)));
        Assert.Equal(filings.Count, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM application_transitions WHERE application_id = ANY (@ids) AND action IS NULL", ("ids", ids)));
    }

    [Fact]
    public async Task The_wizards_filing_is_sent_back_at_once_with_its_choices_kept_when_the_admission_is_full_and_filed_once_when_sent_again()
    {
        using var browser = new Security.BrowserClient(api);
        await browser.SignInAsync("parent", "demo-parent");
        var parent = api.Registry.Credentials.Single(c => c.Login == "parent").ScopeId;
        var child = api.Registry.Data.StudentParents.First(p => p.ParentId == parent).StudentId;
        var id = Guid.NewGuid();
        var form = $"applicationId={id}&service=studyCertificate&district=&child=pupil%3A{child}&officeId=";
        var admission = api.Services.GetRequiredKeyedService<EduInfo.Api.Security.WriteAdmission>(EduInfo.Api.Security.AdmissionPool.Filings);

        // The only slot is taken (an API filing in flight): the form waits out the 100 ms queue and is sent back unfiled.
        using (var held = await admission.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            var busy = await PostFormAsync(browser, form);
            Assert.True(busy.Status == 303, $"{busy.Status} {busy.Body}");
            var location = Uri.UnescapeDataString(busy.Location!);
            Assert.StartsWith("/applications/new?service=studyCertificate", location, StringComparison.Ordinal);
            Assert.Contains("notice=busy", location, StringComparison.Ordinal);
            Assert.Contains($"child=pupil:{child}", location, StringComparison.Ordinal);
            Assert.InRange(int.Parse(Assert.Single(busy.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 3, 120);
            Assert.Equal(0L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE id = @id", ("id", id)));

            // The wizard says so and keeps the child chosen.
            var page = await browser.SendAsync(HttpMethod.Get, busy.Location! + "&lang=ru");
            Assert.Equal(200, page.Status);
            Assert.Contains("data-notice=\"busy\"", page.Body, StringComparison.Ordinal);
            Assert.Contains("Сейчас подаётся слишком много заявлений", page.Body, StringComparison.Ordinal);
            Assert.Matches($"<option value=\"pupil:{child}\" selected", page.Body);
        }

        // The slot free again: the same form is filed, once.
        var filed = await PostFormAsync(browser, form);
        Assert.True(filed.Status == 303, $"{filed.Status} {filed.Body}");
        Assert.StartsWith($"/applications/{id}", filed.Location!, StringComparison.Ordinal);
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE id = @id", ("id", id)));
        Assert.Equal(303, (await PostFormAsync(browser, form)).Status);
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM service_applications WHERE applicant_id = @p AND received_at >= '2026-11-27'", ("p", parent)));
    }

    private static Task<Security.BrowserClient.Response> PostFormAsync(Security.BrowserClient browser, string form)
    {
        var body = new StringContent($"{form}&{EduInfo.Api.Security.ApiAntiforgery.FormFieldName}={Uri.EscapeDataString(browser.FormToken("U-parent"))}");
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return browser.SendAsync(HttpMethod.Post, "/applications/new", body);
    }

    private readonly HashSet<Guid> _filed = [];

    private async Task<(int Status, JsonElement Body, string? RetryAfter)> SendAsync(HttpMethod method, string path, object body, string actor)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(HttpExtensions.ActorHeader, actor);
        request.Headers.AcceptLanguage.ParseAdd("kk");
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, response.Headers.TryGetValues("Retry-After", out var r) ? r.Single() : null);
    }

    private bool Filed(Guid id) => _filed.Contains(id);
}
