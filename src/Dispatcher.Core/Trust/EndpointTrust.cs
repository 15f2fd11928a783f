using System.Net;
using System.Net.Sockets;

namespace Dispatcher.Core.Trust;

/// <summary>
/// Resolves an endpoint's host and judges each address with the <see cref="AddressPolicy"/>. The
/// REST API calls it when an endpoint is registered, and the outbound handler again on every new
/// connection, on the addresses actually dialled, so a name that later resolves elsewhere (DNS
/// rebinding) is caught where it matters.
/// </summary>
public sealed class EndpointTrust(IHostResolver resolver, AddressPolicy policy)
{
    public AddressPolicy Policy { get; } = policy;

    /// <summary>Registration: every address the host has must be allowed, and it must have one.</summary>
    public async Task<HostCheck> CheckRegistrationAsync(string host, CancellationToken cancellationToken)
    {
        var (parsed, addresses, error) = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return HostCheck.Refuse(error);
        }
        foreach (var address in addresses)
        {
            var verdict = Policy.Check(address);
            if (!verdict.Allowed)
            {
                return HostCheck.Refuse(Explain(parsed, verdict));
            }
        }
        return new HostCheck(addresses, null);
    }

    /// <summary>Connection: the allowed addresses, in order; refused only when none is.</summary>
    public async Task<HostCheck> CheckConnectionAsync(string host, CancellationToken cancellationToken)
    {
        var (parsed, addresses, error) = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return HostCheck.Refuse(error);
        }
        var allowed = new List<IPAddress>(addresses.Length);
        AddressVerdict? firstRefusal = null;
        foreach (var address in addresses)
        {
            var verdict = Policy.Check(address);
            if (verdict.Allowed)
            {
                allowed.Add(address);
            }
            else
            {
                firstRefusal ??= verdict;
            }
        }
        return allowed.Count > 0 ? new HostCheck(allowed, null) : HostCheck.Refuse(Explain(parsed, firstRefusal!.Value));
    }

    private async Task<(EndpointHost Host, IPAddress[] Addresses, string? Error)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var parsed = EndpointHost.Parse(host);
        if (parsed.Error is not null)
        {
            return (parsed, [], parsed.Error);
        }
        if (parsed.Literal is not null)
        {
            return (parsed, [parsed.Literal], null);
        }
        if (parsed.IsLocalhost)
        {
            return (parsed, EndpointHost.LocalhostAddresses, null);
        }
        try
        {
            var addresses = await resolver.ResolveAsync(parsed.Name, cancellationToken).ConfigureAwait(false);
            return addresses.Length == 0 ? (parsed, [], $"{parsed.Name} does not resolve to any address") : (parsed, addresses, null);
        }
        catch (SocketException ex)
        {
            return (parsed, [], $"{parsed.Name} does not resolve ({ex.SocketErrorCode})");
        }
    }

    private static string Explain(EndpointHost host, AddressVerdict verdict)
    {
        if (host.Literal is null)
        {
            return $"{host.Name} resolves to {verdict.Reason}";
        }
        // "10.0.0.5 is a private address", but "::ffff:127.0.0.1 is 127.0.0.1, a loopback address".
        return AddressClassifier.Unwrap(verdict.Address).Equals(verdict.Address)
            ? $"{host.Name} is {AddressPolicy.Describe(verdict.Class)}"
            : $"{host.Name} is {verdict.Reason}";
    }
}
