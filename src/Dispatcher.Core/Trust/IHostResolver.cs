using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>
/// Looks a host name up. Create-time checks and the connect callback use the same one, so a test
/// can answer differently on each call (DNS rebinding) and production uses <see cref="DnsHostResolver"/>.
/// Only real names reach it: IP literals and <c>localhost</c> are answered before.
/// </summary>
public interface IHostResolver
{
    /// <summary>The name's addresses; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
