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

    /// <summary>
    /// A free port for a Redis Cluster node, whose cluster bus listens on the port + 10,000: both must
    /// be free, and the bus port a valid one (an ephemeral port above 55,535 made the node exit at start).
    /// </summary>
    public static int FreeForClusterNode()
    {
        const int BusOffset = 10_000;
        for (int tries = 0; ; tries++)
        {
            int port = Free();
            if (port + BusOffset <= IPEndPoint.MaxPort && IsFree(port + BusOffset))
            {
                return port;
            }
            if (tries == 1_000)
            {
                throw new InvalidOperationException("found no free port whose cluster bus port (+10,000) is free too");
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
