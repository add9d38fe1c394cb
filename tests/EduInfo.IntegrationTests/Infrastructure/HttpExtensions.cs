using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EduInfo.IntegrationTests.Infrastructure;

public static class HttpExtensions
{
    public const string ActorHeader = "X-Dev-Actor";

    /// <summary>A Ministry analyst: reads every summary, no personal data.</summary>
    public const string Analyst = "user=tester; roles=ministry_analyst@KZ";

    public static async Task<(int Status, JsonElement Body, string? ContentType)> SendJsonAsync(
        this HttpClient http, HttpMethod method, string path, object? body = null, string? actor = Analyst, string? acceptLanguage = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (actor is not null)
        {
            request.Headers.Add(ActorHeader, actor);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var json = text.Length == 0 || contentType?.EndsWith("json", StringComparison.Ordinal) != true ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, contentType);
    }

    public static Task<(int Status, JsonElement Body, string? ContentType)> PostJsonAsync(this HttpClient http, string path, object? body, string? actor = Analyst, string? acceptLanguage = null) =>
        http.SendJsonAsync(HttpMethod.Post, path, body, actor, acceptLanguage);

    public static Task<(int Status, JsonElement Body, string? ContentType)> GetJsonAsync(this HttpClient http, string path, string? actor = Analyst, string? acceptLanguage = null) =>
        http.SendJsonAsync(HttpMethod.Get, path, null, actor, acceptLanguage);
}
