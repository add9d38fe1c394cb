using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// A mail relay of the test's own on a loopback port, speaking just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET, NOOP,
/// QUIT) for MailKit, keeping every message it accepted. <see cref="RefuseNext"/> makes it answer the next MAIL FROM
/// with a 451 (try later), as a busy relay does.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _refusals;

    public SmtpListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each message accepted: the recipient and the raw message (headers and body, dot-unstuffed).</summary>
    public ConcurrentQueue<(string Recipient, string Data)> Received { get; } = new();

    /// <summary>How many times a MAIL FROM was answered 451.</summary>
    public int Refused;

    public void RefuseNext(int times) => Interlocked.Exchange(ref _refusals, times);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 test-relay ESMTP");
            string? recipient = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250-test-relay");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "MAIL" when Interlocked.Decrement(ref _refusals) >= 0:
                        Interlocked.Increment(ref Refused);
                        await writer.WriteLineAsync("451 4.3.0 try again later");
                        break;
                    case "MAIL":
                        recipient = null;
                        await writer.WriteLineAsync("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        recipient = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                        await writer.WriteLineAsync("250 2.1.5 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } row && row != ".")
                        {
                            data.AppendLine(row.StartsWith("..", StringComparison.Ordinal) ? row[1..] : row);
                        }
                        Received.Enqueue((recipient ?? "", data.ToString()));
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
    }
}
