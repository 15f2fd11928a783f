using System.Net;
using System.Net.Sockets;
using Dispatcher.Core.Trust;

namespace Dispatcher.Core.Tests.Trust;

/// <summary>Host spellings and look-ups: the decision is on the address, whatever the text.</summary>
public sealed class EndpointTrustTests
{
    [Theory]
    [InlineData("https://2130706433/h")]
    [InlineData("https://0x7f000001/h")]
    [InlineData("https://0177.0.0.1/h")]
    [InlineData("https://017700000001/h")]
    [InlineData("https://127.1/h")]
    [InlineData("https://0x7f.1/h")]
    [InlineData("https://127.000.000.001/h")]
    [InlineData("https://[::ffff:127.0.0.1]/h")]
    [InlineData("https://[::ffff:7f00:1]/h")]
    [InlineData("https://[::1]/h")]
    [InlineData("https://127.0.0.1./h")]
    [InlineData("https://LOCALHOST/h")]
    [InlineData("https://localhost./h")]
    [InlineData("https://api.localhost/h")]
    public async Task Every_spelling_of_loopback_is_refused_without_asking_dns(string url)
    {
        var resolver = new RecordingResolver();
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync(new Uri(url).IdnHost, CancellationToken.None);

        Assert.False(check.IsAllowed);
        Assert.Contains("a loopback address", check.Refusal);
        Assert.Empty(resolver.Asked);
    }

    [Theory]
    [InlineData("https://0.0.0.0/h", "0.0.0.0 is an unspecified (this-network) address")]
    [InlineData("https://0/h", "0.0.0.0 is an unspecified (this-network) address")]
    [InlineData("https://[::]/h", ":: is an unspecified (this-network) address")]
    [InlineData("https://167772165/h", "10.0.0.5 is a private address")]
    [InlineData("https://0xa9fea9fe/h", "169.254.169.254 is a cloud metadata address (always refused)")]
    [InlineData("https://[::ffff:a9fe:a9fe]/h", "::ffff:169.254.169.254 is 169.254.169.254, a cloud metadata address (always refused)")]
    [InlineData("https://[fe80::1%25eth0]/h", "is a link-local address")]
    public async Task Ip_literals_are_judged_by_their_address(string url, string reason)
    {
        var trust = new EndpointTrust(new RecordingResolver(), AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync(new Uri(url).IdnHost, CancellationToken.None);

        Assert.False(check.IsAllowed);
        Assert.EndsWith(reason, check.Refusal);
    }

    [Theory]
    [InlineData("https://4294967296/h")]
    [InlineData("https://0x100000000/h")]
    [InlineData("https://1.2.3.4.5/h")]
    [InlineData("https://example.0x7f/h")]
    public async Task Hosts_that_look_like_addresses_but_are_not_valid_ones_are_refused(string url)
    {
        var resolver = new RecordingResolver();
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync(new Uri(url).IdnHost, CancellationToken.None);

        Assert.False(check.IsAllowed);
        Assert.Contains("neither a valid IP address nor a host name", check.Refusal);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task Look_alike_digits_never_reach_dns_as_a_name()
    {
        // With ICU, IdnHost folds ①②⑦ into 127 (loopback); with invariant globalization it stays
        // punycode whose last label is a number. Either way: refused, and DNS is never asked.
        var resolver = new RecordingResolver();
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync(new Uri("https://①②⑦.0.0.1/h").IdnHost, CancellationToken.None);

        Assert.False(check.IsAllowed);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task A_name_is_refused_when_any_of_its_addresses_is_refused()
    {
        var resolver = new RecordingResolver { Answer = _ => [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("10.0.0.5")] };
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync("hooks.example.com", CancellationToken.None);

        Assert.Equal("hooks.example.com resolves to 10.0.0.5, a private address", check.Refusal);
        Assert.Equal(["hooks.example.com"], resolver.Asked);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        var resolver = new RecordingResolver { Answer = _ => throw new SocketException((int)SocketError.HostNotFound) };
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync("nowhere.example.com", CancellationToken.None);

        Assert.Equal("nowhere.example.com does not resolve (HostNotFound)", check.Refusal);
    }

    [Fact]
    public async Task A_public_name_is_allowed_with_its_addresses()
    {
        var resolver = new RecordingResolver { Answer = _ => [IPAddress.Parse("203.0.113.10")] };
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckRegistrationAsync("Hooks.Example.com.", CancellationToken.None);

        Assert.True(check.IsAllowed);
        Assert.Equal([IPAddress.Parse("203.0.113.10")], check.Allowed);
        Assert.Equal(["hooks.example.com"], resolver.Asked);
    }

    [Fact]
    public async Task At_connect_time_only_the_allowed_addresses_remain_in_order()
    {
        var resolver = new RecordingResolver
        {
            Answer = _ => [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("203.0.113.10"), IPAddress.Parse("10.0.0.5"), IPAddress.Parse("203.0.113.11")],
        };
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckConnectionAsync("hooks.example.com", CancellationToken.None);

        Assert.True(check.IsAllowed);
        Assert.Equal([IPAddress.Parse("203.0.113.10"), IPAddress.Parse("203.0.113.11")], check.Allowed);
    }

    [Fact]
    public async Task At_connect_time_a_name_with_no_allowed_address_is_refused_with_the_first_reason()
    {
        var resolver = new RecordingResolver { Answer = _ => [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("10.0.0.5")] };
        var trust = new EndpointTrust(resolver, AddressPolicy.PublicOnly);

        var check = await trust.CheckConnectionAsync("rebind.example.com", CancellationToken.None);

        Assert.Equal("rebind.example.com resolves to 127.0.0.1, a loopback address", check.Refusal);
    }

    private sealed class RecordingResolver : IHostResolver
    {
        public Func<string, IPAddress[]> Answer { get; init; } = _ => [IPAddress.Parse("203.0.113.10")];

        public List<string> Asked { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
        {
            Asked.Add(hostName);
            return Task.FromResult(Answer(hostName));
        }
    }
}
