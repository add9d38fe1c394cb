using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EduInfo.Tools.Demo;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// A journal client as a teacher's app is one: it logs in with the teacher's account (login = teacher id on the demo
/// country), keeps the access token until shortly before it expires, and posts batches with it. Honours 429
/// Retry-After on login.
/// </summary>
public sealed class JournalClient(HttpClient http, string teacherPassword = DemoAccounts.TeacherPassword)
{
    public enum Outcome { Acknowledged, AlreadyRecorded, Refused, Failed }

    /// <summary>A token and the <see cref="Stopwatch"/> timestamp after which it is renewed.</summary>
    private sealed record Token(string Value, long RenewAfter);

    private sealed record LoginResponse(string AccessToken, int ExpiresIn);

    private readonly ConcurrentDictionary<string, Token> _tokens = new(StringComparer.Ordinal);

    public async Task<Outcome> PostAsync(JournalTraffic.Request request, CancellationToken cancellationToken) =>
        (await PostWithStatusAsync(request, cancellationToken)).Outcome;

    /// <summary>Posts a batch once (logging in again on a 401); the outcome and the HTTP status (0 when no answer came).</summary>
    public async Task<(Outcome Outcome, int Status)> PostWithStatusAsync(JournalTraffic.Request request, CancellationToken cancellationToken)
    {
        var (outcome, status, _) = await PostForAckAsync(request, readWatermark: false, cancellationToken);
        return (outcome, status);
    }

    private sealed record Ack(long Watermark);

    /// <summary>
    /// Posts a batch once; with <paramref name="readWatermark"/> an acknowledged batch's answer is read for the class's
    /// watermark after it (the version its class's summary reaches once the batch is rolled up).
    /// </summary>
    public async Task<(Outcome Outcome, int Status, long? Watermark)> PostForAckAsync(JournalTraffic.Request request, bool readWatermark, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var token = await TokenAsync(request.TeacherId, cancellationToken);
                using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = JsonContent.Create(request.Body) };
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(message, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    _tokens.TryRemove(request.TeacherId, out _); // expired or revoked: log in again once
                    continue;
                }
                var status = (int)response.StatusCode;
                var watermark = status == 200 && readWatermark ? (await response.Content.ReadFromJsonAsync<Ack>(cancellationToken))?.Watermark : null;
                return (status switch
                {
                    200 => Outcome.Acknowledged,
                    409 => Outcome.AlreadyRecorded, // a lesson slot recorded by an earlier run
                    >= 400 and < 500 => Outcome.Refused,
                    _ => Outcome.Failed,
                }, status, watermark);
            }
            return (Outcome.Refused, 401, null);
        }
        catch (HttpRequestException)
        {
            return (Outcome.Failed, 0, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Outcome.Failed, 0, null); // the client's timeout
        }
    }

    /// <summary>Logs the teacher in now if needed (a client warming up before a measurement).</summary>
    /// <summary>
    /// Every teacher of a shift signs in before a load is measured: a password hash each is the login's cost, not the
    /// journal's. One at a time, as they would arrive.
    /// </summary>
    public async Task SignInAllAsync(IEnumerable<string> teacherIds, CancellationToken cancellationToken)
    {
        foreach (var teacher in teacherIds.Distinct(StringComparer.Ordinal))
        {
            await TokenAsync(teacher, cancellationToken);
        }
    }

    public Task<string> TokenAsync(string teacherId, CancellationToken cancellationToken) =>
        _tokens.TryGetValue(teacherId, out var token) && token.RenewAfter > Stopwatch.GetTimestamp()
            ? Task.FromResult(token.Value)
            : LoginAsync(teacherId, cancellationToken);

    private async Task<string> LoginAsync(string teacherId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = teacherId, password = teacherPassword }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }
            response.EnsureSuccessStatusCode();
            var login = (await response.Content.ReadFromJsonAsync<LoginResponse>(cancellationToken))!;
            var token = new Token(login.AccessToken, Stopwatch.GetTimestamp() + (long)(Math.Max(10, login.ExpiresIn - 60) * Stopwatch.Frequency));
            _tokens[teacherId] = token;
            return token.Value;
        }
    }
}
