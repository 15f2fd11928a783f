using System.Net;
using System.Net.Security;
using Dispatcher.Core.Trust;

namespace Dispatcher.Engine.Sending;

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> every delivery shares. Each setting is
/// explicit because defaults that suit a browser (redirects, cookies, proxies) do not suit
/// a webhook sender: a redirect could point a signed payload anywhere.
/// </summary>
public static class OutboundHandlerFactory
{
    /// <param name="connector">Dials only addresses the trust policy allows; every new connection goes through it.</param>
    /// <param name="certificates">Extra CAs to accept beside the system roots; null or empty for the system roots only.</param>
    public static SocketsHttpHandler Create(OutboundHttpOptions options, TrustedConnector connector, CertificateTrust? certificates = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = connector.ConnectAsync,
            // The sender writes traceparent itself from the delivery-attempt span; the handler's own
            // propagation would name its internal HTTP span instead, which no exporter may keep.
            ActivityHeadersPropagator = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        // Certificates are always validated. Without extra CAs no callback is set (the platform's
        // validation alone); with them, the callback still demands the platform's host-name check.
        if (certificates is { Authorities.Count: > 0 })
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = certificates.Validate };
        }
        return handler;
    }
}
