using System.Net;
using System.Net.Sockets;

namespace ClimateWarn.Server.Tests.Support;

internal static class Ports
{
    /// <summary>
    /// A loopback port held for the whole test and never listened on: the socket is bound, so no other test or process can
    /// take the port, but it does not listen, so every connection to it is refused at once. Dispose to let the port go.
    /// </summary>
    public static Refusing Refusing() => new();

    /// <summary>
    /// A free loopback port for a child process (InfluxDB, PostgreSQL) that binds it a moment later. The port is released
    /// just before the process starts; the fixture starts the process at once, never minutes later.
    /// </summary>
    public static int FreeForChildProcess()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A bound, non-listening loopback socket: its port refuses connections and stays reserved until disposed.</summary>
internal sealed class Refusing : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public Refusing()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public void Dispose() => _socket.Dispose();
}
