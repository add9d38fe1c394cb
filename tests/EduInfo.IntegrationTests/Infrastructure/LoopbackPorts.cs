using System.Net;
using System.Net.Sockets;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Free TCP ports on loopback for the silos, gateways and Api hosts of one test run. They are taken below the kernel's
/// ephemeral range (32768–60999 on Linux): a port the kernel hands out there and a child process binds a moment later
/// can be taken in between by any outgoing connection (a PostgreSQL client's; seen in CI as "address already in use").
/// Each port is handed out once per run, counting up from a random start so two runs on one machine rarely meet, and
/// only after a bind shows nothing holds it now.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int _next = Random.Shared.Next(Count);

    public static int Free()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + Interlocked.Increment(ref _next) % Count;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Held by someone else: the next one.
            }
        }
        throw new InvalidOperationException($"No free loopback port from {First} to {First + Count - 1}.");
    }
}
