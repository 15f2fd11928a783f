using System.Net;
using Dispatcher.Core.Trust;

namespace Dispatcher.Core.Tests.Trust;

/// <summary>What each class, AllowLocal and the allow-list let through.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1, a loopback address")]
    [InlineData("10.0.0.5", "10.0.0.5, a private address")]
    [InlineData("169.254.1.1", "169.254.1.1, a link-local address")]
    [InlineData("100.64.0.1", "100.64.0.1, a carrier-grade NAT (CGNAT) address")]
    [InlineData("224.0.0.1", "224.0.0.1, a multicast address")]
    [InlineData("0.0.0.0", "0.0.0.0, an unspecified (this-network) address")]
    [InlineData("255.255.255.255", "255.255.255.255, the broadcast address")]
    [InlineData("240.0.0.1", "240.0.0.1, a reserved address")]
    [InlineData("198.18.0.1", "198.18.0.1, a benchmarking address")]
    [InlineData("169.254.169.254", "169.254.169.254, a cloud metadata address (always refused)")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1, a loopback address")]
    public void The_public_only_policy_refuses_every_special_address_with_its_reason(string address, string reason)
    {
        var verdict = AddressPolicy.PublicOnly.Check(IPAddress.Parse(address));

        Assert.False(verdict.Allowed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(AddressPolicy.PublicOnly.Check(IPAddress.Parse(address)).Allowed);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.9.9.9", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("0.0.0.0", false)]
    public void Allow_local_allows_loopback_only(string address, bool allowed) =>
        Assert.Equal(allowed, new AddressPolicy(true, []).Check(IPAddress.Parse(address)).Allowed);

    [Theory]
    [InlineData("10.20.0.7", true)]
    [InlineData("::ffff:10.20.0.7", true)]
    [InlineData("10.21.0.7", false)]
    [InlineData("fd12:3456::9", true)]
    [InlineData("127.0.0.1", false)]
    public void Allowed_networks_let_their_addresses_through(string address, bool allowed)
    {
        var policy = new AddressPolicy(false, [IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("fd12:3456::/32")]);

        Assert.Equal(allowed, policy.Check(IPAddress.Parse(address)).Allowed);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("fd00:ec2::254")]
    public void Metadata_addresses_stay_refused_even_inside_an_allowed_network(string address)
    {
        var policy = new AddressPolicy(true, [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")]);

        var verdict = policy.Check(IPAddress.Parse(address));

        Assert.False(verdict.Allowed);
        Assert.Equal(AddressClass.Metadata, verdict.Class);
        Assert.Contains("metadata", verdict.Reason);
    }
}
