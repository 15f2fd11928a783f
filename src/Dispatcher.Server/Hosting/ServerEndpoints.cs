using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dispatcher.Server.Hosting;

/// <summary>
/// The addresses the named Kestrel endpoints actually bound (port 0 becomes a real port), so
/// start-up can say where REST and gRPC listen and tests can dial them.
/// </summary>
public sealed class ServerEndpoints
{
    internal ListenOptions? HttpListen { get; set; }

    internal ListenOptions? GrpcListen { get; set; }

    public Uri Http => ToUri(HttpListen, "Http");

    public Uri Grpc => ToUri(GrpcListen, "Grpc");

    private static Uri ToUri(ListenOptions? listen, string name)
    {
        if (listen?.IPEndPoint is not { } endpoint)
        {
            throw new InvalidOperationException($"Kestrel endpoint '{name}' is not configured or not bound yet");
        }
        string host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any)
            ? "localhost"
            : endpoint.Address.ToString();
        if (endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && host != "localhost")
        {
            host = $"[{host}]";
        }
        return new Uri($"http://{host}:{endpoint.Port}");
    }
}
