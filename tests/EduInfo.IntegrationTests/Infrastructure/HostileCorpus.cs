using System.Text.Json;
using EduInfo.IntegrationTests.EServices;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The shared runner of the hostile corpora (e-services, forums): a request written as one line, <c>METHOD path body</c>,
/// and the checks every refusal owes — the status, a problem document in the caller's language, the named error.
/// </summary>
public static class HostileCorpus
{
    public static (HttpMethod Method, string Path, string Body) Parse(string request)
    {
        var (method, rest) = (request[..request.IndexOf(' ')], request[(request.IndexOf(' ') + 1)..]);
        return (new HttpMethod(method), rest[..rest.IndexOf(' ')], rest[(rest.IndexOf(' ') + 1)..]);
    }

    /// <summary>
    /// <paramref name="error"/> is <c>field:code</c> (one of the problem's errors, each with a message), a fragment the
    /// problem names, or empty (the status says it all).
    /// </summary>
    public static void AssertRefused((int Status, JsonElement Body, string? ContentType) response, string because, int status, string error, string language)
    {
        Assert.True(response.Status == status, $"{because[..Math.Min(because.Length, 200)]}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(language, response.Body.GetProperty("language").GetString());
        if (error.Contains(':', StringComparison.Ordinal))
        {
            Assert.Contains(error, ApplicationApiTests.Errors(response.Body).Split(','));
            Assert.All(response.Body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        }
        else if (error.Length > 0)
        {
            Assert.Contains(error, response.Body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.Ordinal);
    }
}
