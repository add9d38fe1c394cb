using System.Text.Json;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>One server-sent event: its type, id and JSON data.</summary>
public sealed record ServerSentEvent(string Type, string? Id, JsonElement Data)
{
    public long Version => Data.GetProperty("version").GetInt64();

    public long FormativeMarks => Data.GetProperty("figures").GetProperty("formativeMarks").GetInt64();
}

/// <summary>An open Server-Sent Events response (a live view), read event by event.</summary>
public sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, Stream body) => (_response, _reader) = (response, new StreamReader(body));

    /// <summary>Opens <paramref name="path"/> as <paramref name="actor"/>; asserts a 200 event stream.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string path, string actor, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HttpExtensions.ActorHeader, actor);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event; <see cref="EndOfStreamException"/> when the server ended the stream.</summary>
    public async Task<ServerSentEvent> NextAsync(CancellationToken cancellationToken)
    {
        string type = "message", data = "";
        string? id = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new ServerSentEvent(type, id, JsonDocument.Parse(data).RootElement.Clone());
                }
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data += line[6..];
        }
        throw new EndOfStreamException();
    }

    /// <summary>Skips events until one of <paramref name="type"/> satisfies <paramref name="until"/>.</summary>
    public async Task<ServerSentEvent> NextOfTypeAsync(string type, Func<ServerSentEvent, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await NextAsync(cancellationToken);
            if (e.Type == type && until(e))
            {
                return e;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
