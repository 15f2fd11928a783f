using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Core.Trust;

/// <summary>
/// The outbound handler's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host with
/// the same resolver as registration, keeps the addresses the policy allows and dials them in
/// order. The check is on the address actually dialled, so DNS rebinding (a public answer at
/// registration, 127.0.0.1 now) cannot reach this network.
/// </summary>
public sealed partial class TrustedConnector(EndpointTrust trust, ILogger<TrustedConnector> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var check = await trust.CheckConnectionAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (!check.IsAllowed)
        {
            LogConnectRefused(logger, endpoint.Host, endpoint.Port, check.Refusal!);
            // SocketsHttpHandler wraps this in its own HttpRequestException; WebhookSender logs the innermost message.
            throw new HttpRequestException(HttpRequestError.ConnectionError, "refused to connect: " + check.Refusal);
        }

        Exception? last = null;
        foreach (var address in check.Allowed)
        {
            // An IPv4-mapped answer is dialled as plain IPv4: the same host, and no dual-mode socket needed.
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
