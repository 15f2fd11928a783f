using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>The system resolver (getaddrinfo on Linux).</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(hostName, cancellationToken);
}
