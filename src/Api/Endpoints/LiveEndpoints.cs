using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
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
        api.MapGet("/nodes/{nodeId}/live", NodeLive).WithTags("Live").WithName("NodeLive").DisableRequestTimeout()
            .WithSummary("A node's summary, pushed as it changes (Server-Sent Events)");
        api.MapGet("/students/{studentId}/live", StudentLive).WithTags("Live").WithName("StudentLive").DisableRequestTimeout()
            .WithSummary("A student's diary, pushed as it changes (Server-Sent Events)");
        return api;
    }

    private static async Task<IResult> NodeLive(string nodeId, HttpContext context, ActorResolver actors, NodeDirectory directory,
        IGrainFactory grains, IConfiguration configuration, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        IResult? problem = null;
        if (await EndpointAccess.NodeAsync(nodeId, AccessPolicy.CanReadSummary, context, actors, directory, p => problem = p, cancellationToken) is not var (_, node))
        {
            return problem!;
        }
        var grain = EndpointAccess.Grain(grains, node);
        var language = RequestLanguage.Of(context);
        return TypedResults.ServerSentEvents(Stream("summary", LastEventId(context), Timing(configuration), async () =>
        {
            var summary = await grain.GetSummary();
            return (summary.Version, JsonSerializer.Serialize(NodeSummaryResponse.Of(summary, node, language), json.Value.SerializerOptions));
        }, cancellationToken));
    }

    private static async Task<IResult> StudentLive(string studentId, HttpContext context, ActorResolver actors, RegistryStore registry,
        AuditLog audit, IGrainFactory grains, IConfiguration configuration, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        IResult? problem = null;
        if (await EndpointAccess.PersonalDataAsync(studentId, "diary.live", context, actors, registry, audit, p => problem = p, cancellationToken) is not var (actor, _))
        {
            return problem!;
        }
        var grain = grains.GetGrain<IStudentGrain>(studentId);
        var language = RequestLanguage.Of(context);
        return TypedResults.ServerSentEvents(Stream("diary", LastEventId(context), Timing(configuration), async () =>
        {
            var (watermark, _) = await grain.GetFigures();
            return (watermark, "");
        }, cancellationToken, async () =>
            JsonSerializer.Serialize(DiaryResponse.Of(await grain.GetDiary(actor), language), json.Value.SerializerOptions)));
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

    private static (TimeSpan Poll, TimeSpan Heartbeat) Timing(IConfiguration configuration) => (
        configuration.GetValue("Live:PollInterval", TimeSpan.FromMilliseconds(250)),
        configuration.GetValue("Live:HeartbeatInterval", TimeSpan.FromSeconds(15)));
}
