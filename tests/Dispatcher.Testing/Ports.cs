using System.Net;
using System.Net.Sockets;

namespace Dispatcher.Testing;

/// <summary>Free loopback ports, for servers that must be told their port before they start.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
