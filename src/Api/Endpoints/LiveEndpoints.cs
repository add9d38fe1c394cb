using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Live;
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
/// newer exists. A stream waits on the process's shared watch of its node or student (<see cref="LiveSummaries"/>),
/// which the grain pushes to: no grain call per viewer. It sends a <c>heartbeat</c> event when idle for
/// <c>Live:HeartbeatInterval</c>, and ends when the bounded cache drops its entry (the client reconnects and resumes).
/// </summary>
public static class LiveEndpoints
{
    public static RouteGroupBuilder MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes/{nodeId}/live", NodeLive).RequireNode(AccessPolicy.CanReadSummary).WithTags("Live").WithName("NodeLive").DisableRequestTimeout()
            .WithSummary("A node's summary, pushed as it changes (Server-Sent Events)");
        api.MapGet("/students/{studentId}/live", StudentLive).RequireStudent("diary.live", (actor, student) => Reads.DiaryReaders.Detail(actor, student))
            .WithTags("Live").WithName("StudentLive").DisableRequestTimeout()
            .WithSummary("A student's diary, pushed as it changes (Server-Sent Events)");
        return api;
    }

    private static IResult NodeLive(string nodeId, [AsParameters] EndpointCall call, [AsParameters] LiveSettings settings)
    {
        var (node, language) = (call.Caller.Node, RequestLanguage.Of(call.Http));
        // One serialization per version and language, shared by every viewer of the node in this process.
        return TypedResults.ServerSentEvents(Stream("summary", LastEventId(call.Http), () => settings.Live.Node(node.Kind, node.Id), settings,
            state => Task.FromResult(state.Payload(language, s => JsonSerializer.Serialize(NodeSummaryResponse.Of(s.Summary!, node, language), settings.Json))),
            call.Aborted));
    }

    private static IResult StudentLive(string studentId, [AsParameters] EndpointCall call, [AsParameters] LiveSettings settings)
    {
        var (actor, language, id) = (call.Actor, RequestLanguage.Of(call.Http), call.Caller.Student.StudentId);
        // The diary is read when the watermark moved, by each viewer under its own authorization.
        return TypedResults.ServerSentEvents(Stream("diary", LastEventId(call.Http), () => settings.Live.Student(id), settings,
            async _ => JsonSerializer.Serialize(DiaryResponse.Of(await call.IdempotentAsync(g => g.GetGrain<IStudentGrain>(id).GetDiary(actor)), language), settings.Json),
            call.Aborted));
    }

    /// <summary>The shared watches, the clock streams wait on, and the Api's JSON options.</summary>
    public sealed record LiveSettings(LiveSummaries Live, TimeProvider Time, IOptions<JsonOptions> JsonOptions)
    {
        public JsonSerializerOptions Json => JsonOptions.Value.SerializerOptions;
    }

    /// <summary>
    /// Yields an event whenever the watched version differs from the last one sent, a heartbeat when idle, and ends when
    /// the client goes or the entry is dropped. The viewer holds the entry only while it is being enumerated.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(string eventType, long? lastSent, Func<LiveView> watch, LiveSettings settings,
        Func<LiveState, Task<string>> payload, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var view = watch();
        var heartbeat = settings.Live.Options.HeartbeatInterval;
        var idleSince = settings.Time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var state = view.State;
            if (state.Ended)
            {
                yield break;
            }
            if (state.Version is { } version && version != lastSent)
            {
                lastSent = version;
                idleSince = settings.Time.GetTimestamp();
                yield return new SseItem<string>(await payload(state), eventType)
                {
                    EventId = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ReconnectionInterval = TimeSpan.FromSeconds(2),
                };
                continue;
            }
            var idle = settings.Time.GetElapsedTime(idleSince);
            if (idle >= heartbeat)
            {
                idleSince = settings.Time.GetTimestamp();
                yield return new SseItem<string>("{}", "heartbeat");
                continue;
            }
            try
            {
                await state.Changed.WaitAsync(heartbeat - idle, settings.Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // idle: the next turn sends a heartbeat
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
