using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>
/// What the policy says about a host: the addresses a delivery may connect to, in the resolver's
/// order, or why none (e.g. "hooks.example.com resolves to 10.0.0.5, a private address").
/// </summary>
public sealed record HostCheck(IReadOnlyList<IPAddress> Allowed, string? Refusal)
{
    public bool IsAllowed => Refusal is null;

    public static HostCheck Refuse(string reason) => new([], reason);
}
