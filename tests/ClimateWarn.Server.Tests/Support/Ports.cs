using System.Net;
using System.Net.Sockets;

namespace ClimateWarn.Server.Tests.Support;

internal static class Ports
{
    /// <summary>A loopback port nobody listens on (bound, read, released): connecting to it is refused.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
