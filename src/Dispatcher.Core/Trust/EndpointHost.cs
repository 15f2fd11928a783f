using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>
/// A URL's host reduced to what the policy judges: an IP literal, <c>localhost</c>, or a name to
/// look up. System.Uri already turns <c>2130706433</c>, <c>0x7f000001</c>, <c>0177.0.0.1</c> and
/// <c>127.1</c> into 127.0.0.1 and its IdnHost folds look-alike digits (①②⑦), but it leaves a
/// trailing dot (<c>127.0.0.1.</c>) and out-of-range numbers (<c>4294967296</c>) as "names" that a
/// resolver might still read as addresses: those are handled here.
/// </summary>
public readonly record struct EndpointHost(string Name, IPAddress? Literal, bool IsLocalhost, string? Error)
{
    /// <param name="host">A URL's IdnHost (or the host a connect callback was given), brackets allowed.</param>
    public static EndpointHost Parse(string host)
    {
        string name = host.Trim().TrimStart('[').TrimEnd(']');
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }
        name = name.ToLowerInvariant();
        if (name.Length == 0)
        {
            return new(host, null, false, "the endpoint has no host");
        }
        if (IPAddress.TryParse(name, out var literal))
        {
            return new(name, literal, false, null);
        }
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return new(name, null, true, null);
        }
        if (LooksNumeric(name[(name.LastIndexOf('.') + 1)..]))
        {
            // As in the WHATWG URL rules: a host whose last label is a number is an IPv4 address or nothing.
            return new(name, null, false, $"{host} is neither a valid IP address nor a host name");
        }
        return new(name, null, false, null);
    }

    /// <summary>Where <c>localhost</c> goes, without asking DNS (RFC 6761).</summary>
    public static IPAddress[] LocalhostAddresses { get; } = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    private static bool LooksNumeric(string label) =>
        label.Length > 0
        && (label.All(char.IsAsciiDigit) || (label.StartsWith("0x", StringComparison.Ordinal) && label[2..].All(char.IsAsciiHexDigit)));
}
