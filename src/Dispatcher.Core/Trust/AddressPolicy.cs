using System.Net;

namespace Dispatcher.Core.Trust;

/// <summary>
/// Decides whether deliveries may connect to an address: public addresses yes; loopback, private,
/// link-local, CGNAT, multicast, unspecified, broadcast, reserved and benchmarking addresses only
/// when a configured network covers them (loopback also under the development switch
/// <c>AllowLocal</c>); cloud metadata addresses never, whatever the allow-list says, because a
/// CIDR written to reach a private subnet must not also hand out the cloud's credentials.
/// </summary>
public sealed class AddressPolicy(bool allowLocal, IReadOnlyList<IPNetwork> allowedNetworks)
{
    /// <summary>The production policy: public addresses only.</summary>
    public static AddressPolicy PublicOnly { get; } = new(false, []);

    public bool AllowLocal { get; } = allowLocal;

    public IReadOnlyList<IPNetwork> AllowedNetworks { get; } = allowedNetworks;

    public AddressVerdict Check(IPAddress address)
    {
        var plain = AddressClassifier.Unwrap(address);
        var kind = AddressClassifier.Classify(plain);
        bool allowed = kind switch
        {
            AddressClass.Public => true,
            AddressClass.Metadata => false,
            AddressClass.Loopback when AllowLocal => true,
            _ => IsAllowListed(address) || IsAllowListed(plain),
        };
        return new AddressVerdict(address, kind, allowed, allowed ? "" : $"{plain}, {Describe(kind)}");
    }

    /// <summary>Words for a class, as they appear in errors: "a private address".</summary>
    public static string Describe(AddressClass kind) => kind switch
    {
        AddressClass.Loopback => "a loopback address",
        AddressClass.Private => "a private address",
        AddressClass.LinkLocal => "a link-local address",
        AddressClass.CarrierGradeNat => "a carrier-grade NAT (CGNAT) address",
        AddressClass.Multicast => "a multicast address",
        AddressClass.Unspecified => "an unspecified (this-network) address",
        AddressClass.Broadcast => "the broadcast address",
        AddressClass.Reserved => "a reserved address",
        AddressClass.Benchmarking => "a benchmarking address",
        AddressClass.Metadata => "a cloud metadata address (always refused)",
        _ => "a public address",
    };

    private bool IsAllowListed(IPAddress address)
    {
        foreach (var network in AllowedNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
