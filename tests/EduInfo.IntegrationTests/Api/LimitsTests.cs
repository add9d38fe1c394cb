using System.Text;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>An Api with tight limits: 2 requests/s per user (burst 4), 3 logins per minute per address.</summary>
public sealed class LimitedApiHost : ApiHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["RateLimits:PerUserPerSecond"] = "2";
        settings["RateLimits:LoginsPerAddressPerMinute"] = "3";
        settings["RateLimits:VerificationsPerAddressPerMinute"] = "3";
    }
}

/// <summary>Rate limits per user and for logins, and the request size limit: refused at once with localized problems.</summary>
public sealed class LimitsTests(LimitedApiHost api) : IClassFixture<LimitedApiHost>
{
    [Fact]
    public async Task A_user_over_the_rate_gets_429_with_Retry_After_and_other_users_are_unaffected()
    {
        // Requests as fast as they are answered: the burst of 4 passes, then the bucket (2/s) runs dry. A slow machine
        // may refill a token between requests, so keep sending until the first refusal instead of counting on timing.
        HttpResponseMessage? refused = null;
        var passed = 0;
        for (var i = 0; i < 100 && refused is null; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes/KZ/summary?lang=en");
            request.Headers.Add(HttpExtensions.ActorHeader, "user=busy; roles=ministry_analyst@KZ");
            var response = await api.Http.SendAsync(request);
            if ((int)response.StatusCode == 429)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(200, (int)response.StatusCode);
                passed++;
                response.Dispose();
            }
        }
        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(passed >= 4, $"only {passed} requests passed before the first refusal");
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(200, (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary", "user=calm; roles=ministry_analyst@KZ")).Status);
    }

    [Fact]
    public async Task Checking_documents_by_code_is_limited_per_address_whatever_the_answer()
    {
        // 3 checks a minute, answered or not (an unknown code is a 404): then 429 with Retry-After, in the reader's language.
        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var code = EduInfo.Domain.YearEnd.VerificationCode.Of(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
            statuses.Add((await api.Http.GetJsonAsync($"/api/v1/public/documents/{code}", actor: null, acceptLanguage: "ru")).Status);
        }
        Assert.True(statuses.Take(3).All(s => s == 404), string.Join(",", statuses));
        Assert.Contains(429, statuses);
        Assert.All(statuses, s => Assert.True(s is 404 or 429, string.Join(",", statuses)));
    }

    [Fact]
    public async Task Logins_from_one_address_are_limited()
    {
        // 3 logins a minute: the first three are answered (401, bad credentials), then 429. Eight tries, so that even if
        // the one-minute window happens to roll over during the test, a refusal is still seen.
        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await api.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/auth/token", new { login = "nobody", password = "guess" + i }, actor: null)).Status);
        }
        Assert.Equal([401, 401, 401], statuses.Take(3));
        Assert.Contains(429, statuses);
        Assert.All(statuses, s => Assert.True(s is 401 or 429, string.Join(",", statuses)));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem_and_writes_nothing()
    {
        var t = api.Registry.InClass(0);
        var huge = "{\"entries\":[" + string.Join(",", Enumerable.Repeat("{\"entryId\":null}", 80_000)) + "]}";
        Assert.True(Encoding.UTF8.GetByteCount(huge) > 1 << 20);
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks",
            actor: $"user={t.TeacherId}; roles=teacher", rawBody: huge);
        Assert.Equal(413, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
    }
}
