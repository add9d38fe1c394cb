using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Security;

/// <summary>Requests with an <c>Authorization: Bearer …</c> header (or any other raw headers), and logins.</summary>
internal static class SecurityHttp
{
    public static async Task<(int Status, JsonElement Body, string? ContentType)> SendAsync(
        this HttpClient http, HttpMethod method, string path, string? bearer, object? body = null,
        string? acceptLanguage = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var json = text.Length == 0 || contentType?.EndsWith("json", StringComparison.Ordinal) != true ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, contentType);
    }

    public static Task<(int Status, JsonElement Body, string? ContentType)> GetWithTokenAsync(this HttpClient http, string path, string? bearer) =>
        http.SendAsync(HttpMethod.Get, path, bearer);

    /// <summary>POST /api/v1/auth/token with no actor of any kind.</summary>
    public static Task<(int Status, JsonElement Body, string? ContentType)> LoginAsync(this HttpClient http, string login, string password, string? acceptLanguage = null) =>
        http.SendAsync(HttpMethod.Post, "/api/v1/auth/token", null, new { login, password }, acceptLanguage);

    /// <summary>Logs in and returns the access and refresh tokens; fails the test unless the login succeeds.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(this HttpClient http, string login, string password)
    {
        var response = await http.LoginAsync(login, password);
        Assert.Equal(200, response.Status);
        return (response.Body.GetProperty("accessToken").GetString()!, response.Body.GetProperty("refreshToken").GetString()!);
    }

    public static Task<(int Status, JsonElement Body, string? ContentType)> RefreshAsync(this HttpClient http, string refreshToken) =>
        http.SendAsync(HttpMethod.Post, "/api/v1/auth/refresh", null, new { refreshToken });

    public static void AssertProblem(int status, (int Status, JsonElement Body, string? ContentType) response)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(status, response.Body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("title").GetString()));
    }

    /// <summary>The organization of a class of the demo registry.</summary>
    public static string OrganizationOf(this DemoRegistry registry, string classId) =>
        registry.Data.Classes.Single(c => c.Id == classId).OrganizationId;
}
