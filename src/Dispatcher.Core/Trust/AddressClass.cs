namespace Dispatcher.Core.Trust;

/// <summary>What kind of network an address belongs to, as far as sending webhooks is concerned.</summary>
public enum AddressClass
{
    /// <summary>A public, routable address: deliveries may go there.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (and the deprecated fec0::/10).</summary>
    Private,

    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>100.64/10, shared by carrier-grade NAT.</summary>
    CarrierGradeNat,

    /// <summary>224/4, ff00::/8.</summary>
    Multicast,

    /// <summary>0.0.0.0/8 ("this network"), ::.</summary>
    Unspecified,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>240/4, 192.0.0.0/24 and 100::/64: reserved, never a customer's server.</summary>
    Reserved,

    /// <summary>198.18/15, for network benchmarks.</summary>
    Benchmarking,

    /// <summary>A cloud provider's instance metadata service (e.g. 169.254.169.254): refused even when allow-listed.</summary>
    Metadata,
}
