using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Live views over Server-Sent Events, under the same authorization as their one-shot reads: a node's summary
/// (<c>event: summary</c>) and a student's diary (<c>event: diary</c>). The event id is the version (a node's
/// version, a student's watermark); a client reconnecting with <c>Last-Event-ID</c> gets nothing until something
/// newer exists. Each stream reads its grain every <c>Live:PollInterval</c> (O(1) per read, 250 ms by default) and
/// sends a <c>heartbeat</c> event when idle for <c>Live:HeartbeatInterval</c>.
/// </summary>
public static class LiveEndpoints
{
    public static RouteGroupBuilder MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes/{nodeId}/live", NodeLive).RequireNode(AccessPolicy.CanReadSummary).WithTags("Live").WithName("NodeLive").DisableRequestTimeout()
            .WithSummary("A node's summary, pushed as it changes (Server-Sent Events)");
        api.MapGet("/students/{studentId}/live", StudentLive).RequireStudent("diary.live").WithTags("Live").WithName("StudentLive").DisableRequestTimeout()
            .WithSummary("A student's diary, pushed as it changes (Server-Sent Events)");
        return api;
    }

    private static IResult NodeLive(string nodeId, [AsParameters] EndpointCall call, [AsParameters] LiveSettings settings)
    {
        var (node, language) = (call.Caller.Node, RequestLanguage.Of(call.Http));
        var grain = call.Grains.SummaryNode(node.Kind, node.Id);
        return TypedResults.ServerSentEvents(Stream("summary", LastEventId(call.Http), settings.Timing, async () =>
        {
            var summary = await grain.GetSummary();
            return (summary.Version, JsonSerializer.Serialize(NodeSummaryResponse.Of(summary, node, language), settings.Json));
        }, call.Aborted));
    }

    private static IResult StudentLive(string studentId, [AsParameters] EndpointCall call, [AsParameters] LiveSettings settings)
    {
        var (actor, language) = (call.Actor, RequestLanguage.Of(call.Http));
        var grain = call.Grains.GetGrain<IStudentGrain>(studentId);
        return TypedResults.ServerSentEvents(Stream("diary", LastEventId(call.Http), settings.Timing, async () =>
        {
            var (watermark, _) = await grain.GetFigures();
            return (watermark, "");
        }, call.Aborted, async () => JsonSerializer.Serialize(DiaryResponse.Of(await grain.GetDiary(actor), language), settings.Json)));
    }

    /// <summary>How a stream polls and serializes: <c>Live:PollInterval</c>, <c>Live:HeartbeatInterval</c> and the Api's JSON options.</summary>
    public sealed record LiveSettings(IConfiguration Configuration, IOptions<JsonOptions> JsonOptions)
    {
        public (TimeSpan Poll, TimeSpan Heartbeat) Timing => (
            Configuration.GetValue("Live:PollInterval", TimeSpan.FromMilliseconds(250)),
            Configuration.GetValue("Live:HeartbeatInterval", TimeSpan.FromSeconds(15)));

        public JsonSerializerOptions Json => JsonOptions.Value.SerializerOptions;
    }

    /// <summary>
    /// Polls <paramref name="read"/> and yields an event whenever the version moves past the last one sent; the payload
    /// comes from <paramref name="payload"/> when given (the diary is read from the journal only when it changed).
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(string eventType, long? lastSent, (TimeSpan Poll, TimeSpan Heartbeat) timing,
        Func<Task<(long Version, string Data)>> read, [EnumeratorCancellation] CancellationToken cancellationToken, Func<Task<string>>? payload = null)
    {
        var idleSince = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var (version, data) = await read();
            if (version != lastSent)
            {
                lastSent = version;
                idleSince = Stopwatch.GetTimestamp();
                yield return new SseItem<string>(payload is null ? data : await payload(), eventType)
                {
                    EventId = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ReconnectionInterval = TimeSpan.FromSeconds(2),
                };
            }
            else if (Stopwatch.GetElapsedTime(idleSince) >= timing.Heartbeat)
            {
                idleSince = Stopwatch.GetTimestamp();
                yield return new SseItem<string>("{}", "heartbeat");
            }
            try
            {
                await Task.Delay(timing.Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static long? LastEventId(HttpContext context) =>
        long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var id) ? id : null;
}
