using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using EduInfo.Api.Security;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// A browser as far as HTTP goes: it keeps its cookies (HttpClient's own container would not send Secure cookies over
/// http, as browsers do on localhost) and follows no redirect. Antiforgery tokens come from the Api's own IAntiforgery,
/// as a page would render them.
/// </summary>
internal sealed class BrowserClient(ApiHost api) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };

    public sealed record Response(int Status, string? Location, HttpResponseHeaders Headers, IReadOnlyList<string> SetCookies, string? ContentType, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public string Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
    }

    /// <summary>The cookies the browser sends, by name.</summary>
    public Dictionary<string, string> Cookies { get; } = [];

    public string? Session => Cookies.GetValueOrDefault(BrowserSession.CookieName);

    /// <summary>A form token for a page rendered to <paramref name="userId"/> (null: nobody signed in); its cookie half goes to the jar.</summary>
    public string FormToken(string? userId = null)
    {
        var context = new DefaultHttpContext { RequestServices = api.Services };
        if (userId is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(EduInfoClaims.Subject, userId)], "page"));
        }
        var tokens = api.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        Cookies[ApiAntiforgery.CookieName] = tokens.CookieToken!;
        return tokens.RequestToken!;
    }

    /// <summary>The sign-in form as a page posts it, with a fresh token.</summary>
    public Task<Response> SignInAsync(string login, string password, string? returnUrl = null) =>
        PostFormAsync("/signin", new() { ["login"] = login, ["password"] = password, ["returnUrl"] = returnUrl, [ApiAntiforgery.FormFieldName] = FormToken() });

    public Task<Response> PostFormAsync(string path, Dictionary<string, string?> fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))));

    /// <summary>A page's form as typed by hand (<paramref name="form"/> URL-encoded already), with a valid token for the account.</summary>
    public Task<Response> PostRawFormAsync(string path, string form, string userId)
    {
        var body = new StringContent($"{form}&{ApiAntiforgery.FormFieldName}={Uri.EscapeDataString(FormToken(userId))}");
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return SendAsync(HttpMethod.Post, path, body);
    }

    /// <summary>
    /// The answer of a page's form to a hostile value: the status expected; a 303 goes back within <paramref name="home"/>
    /// with <paramref name="expected"/> in its address, to a page that shows nothing of the value; anything else is a problem.
    /// </summary>
    public async Task AssertFormAnswerAsync(Response response, string because, int status, string expected, string home)
    {
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status} {response.Location} {response.Body}");
        if (status != 303)
        {
            Assert.Equal("application/problem+json", response.ContentType);
            return;
        }
        var location = Uri.UnescapeDataString(response.Location!);
        Assert.Contains(expected, location, StringComparison.Ordinal);
        Assert.StartsWith(home, location, StringComparison.Ordinal);
        var page = await SendAsync(HttpMethod.Get, response.Location!);
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("<script>alert", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"><script", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("OR 1=1", page.Body, StringComparison.Ordinal);
    }

    public async Task<Response> SendAsync(HttpMethod method, string path, HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        request.Headers.AcceptLanguage.ParseAdd("en");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }
        using var response = await http.SendAsync(request);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines.ToList() : [];
        foreach (var line in setCookies)
        {
            var pair = line.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (value.Length == 0 || line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }
        return new Response((int)response.StatusCode, response.Headers.Location?.OriginalString, response.Headers, setCookies,
            response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => http.Dispose();
}
