using System.Net;

namespace Dispatcher.Core.Delivery;

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> every delivery shares. Each setting is
/// explicit because defaults that suit a browser (redirects, cookies, proxies) do not suit
/// a webhook sender: a redirect could point a signed payload anywhere.
/// </summary>
public static class OutboundHandlerFactory
{
    public static SocketsHttpHandler Create(OutboundHttpOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        // Certificates are always validated: no RemoteCertificateValidationCallback is set.
    };
}
