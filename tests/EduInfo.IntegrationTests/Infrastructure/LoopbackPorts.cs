using System.Net;
using System.Net.Sockets;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>Free TCP ports on loopback for the silos, gateways and Api hosts of one test run.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
