using System.Net;
using Dispatcher.Core.Trust;

namespace Dispatcher.Core.Tests.Trust;

/// <summary>Every range the policy knows, at its edges, in IPv4 and IPv6 and in the IPv6 forms that carry IPv4.</summary>
public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.255.254", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("10.0.0.0", AddressClass.Private)]
    [InlineData("10.255.255.255", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("fd12:3456::1", AddressClass.Private)]
    [InlineData("fec0::1", AddressClass.Private)]
    [InlineData("169.254.0.1", AddressClass.LinkLocal)]
    [InlineData("169.254.255.255", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("febf::1", AddressClass.LinkLocal)]
    [InlineData("100.64.0.1", AddressClass.CarrierGradeNat)]
    [InlineData("100.127.255.255", AddressClass.CarrierGradeNat)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("239.255.255.255", AddressClass.Multicast)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("0.1.2.3", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("255.255.255.255", AddressClass.Broadcast)]
    [InlineData("240.0.0.1", AddressClass.Reserved)]
    [InlineData("255.255.255.254", AddressClass.Reserved)]
    [InlineData("192.0.0.8", AddressClass.Reserved)]
    [InlineData("100::1", AddressClass.Reserved)]
    [InlineData("198.18.0.1", AddressClass.Benchmarking)]
    [InlineData("198.19.255.255", AddressClass.Benchmarking)]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("169.254.170.2", AddressClass.Metadata)]
    [InlineData("100.100.100.200", AddressClass.Metadata)]
    [InlineData("168.63.129.16", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    public void Classifies_each_special_range(string address, AddressClass expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("203.0.113.10")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1111")]
    [InlineData("fbff::1")]
    [InlineData("fe00::1")]
    public void Leaves_public_addresses_and_the_edges_next_to_each_range_public(string address) =>
        Assert.Equal(AddressClass.Public, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", AddressClass.Loopback)]
    [InlineData("::ffff:7f00:1", "127.0.0.1", AddressClass.Loopback)]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5", AddressClass.Private)]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", AddressClass.Metadata)]
    [InlineData("::127.0.0.1", "127.0.0.1", AddressClass.Loopback)]
    [InlineData("::10.0.0.1", "10.0.0.1", AddressClass.Private)]
    [InlineData("64:ff9b::127.0.0.1", "127.0.0.1", AddressClass.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.169.254", AddressClass.Metadata)]
    [InlineData("2002:7f00:1::", "127.0.0.1", AddressClass.Loopback)]
    [InlineData("2002:c0a8:101::1", "192.168.1.1", AddressClass.Private)]
    [InlineData("::ffff:8.8.8.8", "8.8.8.8", AddressClass.Public)]
    public void Judges_ipv6_forms_by_the_ipv4_address_they_carry(string address, string carried, AddressClass expected)
    {
        var parsed = IPAddress.Parse(address);

        Assert.Equal(IPAddress.Parse(carried), AddressClassifier.Unwrap(parsed));
        Assert.Equal(expected, AddressClassifier.Classify(parsed));
    }

    [Fact]
    public void A_link_local_address_with_a_zone_is_still_link_local() =>
        Assert.Equal(AddressClass.LinkLocal, AddressClassifier.Classify(IPAddress.Parse("fe80::1%2")));
}
