using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Dispatcher.Core.Trust;

/// <summary>
/// Classifies an <see cref="IPAddress"/> into an <see cref="AddressClass"/>. It works on the
/// address, never on the text, so every spelling of an address lands in the same class; IPv6
/// forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
/// </summary>
public static class AddressClassifier
{
    // Instance metadata services, which hand out cloud credentials to whoever asks from inside:
    // AWS/GCP/Azure/OpenStack/Oracle (169.254.169.254), AWS ECS and EKS credentials (169.254.170.2,
    // 169.254.170.23), Azure's WireServer (168.63.129.16), Alibaba (100.100.100.200), AWS over IPv6.
    private static readonly HashSet<IPAddress> MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("169.254.170.2"),
        IPAddress.Parse("169.254.170.23"),
        IPAddress.Parse("168.63.129.16"),
        IPAddress.Parse("100.100.100.200"),
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("fd00:ec2::23"),
    ];

    public static AddressClass Classify(IPAddress address)
    {
        var plain = Unwrap(address);
        if (MetadataAddresses.Contains(plain))
        {
            return AddressClass.Metadata;
        }
        return plain.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(plain) : ClassifyV6(plain);
    }

    /// <summary>
    /// The IPv4 address an IPv6 address stands for (IPv4-mapped <c>::ffff:a.b.c.d</c>, IPv4-compatible
    /// <c>::a.b.c.d</c>, NAT64 <c>64:ff9b::a.b.c.d</c>, 6to4 <c>2002:AABB:CCDD::</c>), or the address itself.
    /// The scope id of a link-local address is dropped.
    /// </summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            return new IPAddress(b[12..]);
        }
        bool firstTwelveZero = !b[..12].ContainsAnyExcept((byte)0);
        // :: and ::1 are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
        if (firstTwelveZero && BinaryPrimitives.ReadUInt32BigEndian(b[12..]) > 1)
        {
            return new IPAddress(b[12..]);
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && !b[4..12].ContainsAnyExcept((byte)0))
        {
            return new IPAddress(b[12..]);
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }
        return address.ScopeId == 0 ? address : new IPAddress(b);
    }

    private static AddressClass ClassifyV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        uint v = BinaryPrimitives.ReadUInt32BigEndian(b);
        return v switch
        {
            0xFFFFFFFF => AddressClass.Broadcast,
            _ when In(v, 0x00000000, 8) => AddressClass.Unspecified,
            _ when In(v, 0x0A000000, 8) => AddressClass.Private,
            _ when In(v, 0x64400000, 10) => AddressClass.CarrierGradeNat,
            _ when In(v, 0x7F000000, 8) => AddressClass.Loopback,
            _ when In(v, 0xA9FE0000, 16) => AddressClass.LinkLocal,
            _ when In(v, 0xAC100000, 12) => AddressClass.Private,
            _ when In(v, 0xC0000000, 24) => AddressClass.Reserved,
            _ when In(v, 0xC0A80000, 16) => AddressClass.Private,
            _ when In(v, 0xC6120000, 15) => AddressClass.Benchmarking,
            _ when In(v, 0xE0000000, 4) => AddressClass.Multicast,
            _ when In(v, 0xF0000000, 4) => AddressClass.Reserved,
            _ => AddressClass.Public,
        };
    }

    private static AddressClass ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressClass.Unspecified;
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressClass.Loopback;
        }
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0xFF => AddressClass.Multicast,
            0xFE when (b[1] & 0xC0) == 0x80 => AddressClass.LinkLocal,
            // fec0::/10, site-local: deprecated, but still a private network where it is used.
            0xFE when (b[1] & 0xC0) == 0xC0 => AddressClass.Private,
            0xFC or 0xFD => AddressClass.Private,
            // 100::/64, the discard prefix.
            0x01 when b[1] == 0 && !b[2..8].ContainsAnyExcept((byte)0) => AddressClass.Reserved,
            _ => AddressClass.Public,
        };
    }

    private static bool In(uint value, uint network, int prefix) => (value >> (32 - prefix)) == (network >> (32 - prefix));
}
