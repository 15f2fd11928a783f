using System.Net;
using System.Net.Sockets;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Trust;

/// <summary>
/// POST /v1/webhooks refuses endpoints whose host is, or resolves to, an address deliveries must
/// never reach, whatever its spelling; each refusal is a 400 INVALID_ENDPOINT that writes nothing.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class CreateTimeTrustTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Production = new() { ["Dispatcher:Endpoints:AllowLocal"] = "false" };

    [Fact]
    public async Task Every_class_of_special_address_is_refused_with_allow_local_off()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Production);

        await AssertRefusedAsync(server, "https://127.0.0.1/h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://[::1]/h", "::1 is a loopback address");
        await AssertRefusedAsync(server, "https://10.0.0.5/h", "10.0.0.5 is a private address");
        await AssertRefusedAsync(server, "https://172.16.0.1/h", "172.16.0.1 is a private address");
        await AssertRefusedAsync(server, "https://192.168.1.1/h", "192.168.1.1 is a private address");
        await AssertRefusedAsync(server, "https://[fd12:3456::1]/h", "fd12:3456::1 is a private address");
        await AssertRefusedAsync(server, "https://169.254.1.1/h", "169.254.1.1 is a link-local address");
        await AssertRefusedAsync(server, "https://[fe80::1]/h", "fe80::1 is a link-local address");
        await AssertRefusedAsync(server, "https://100.64.0.1/h", "100.64.0.1 is a carrier-grade NAT (CGNAT) address");
        await AssertRefusedAsync(server, "https://224.0.0.1/h", "224.0.0.1 is a multicast address");
        await AssertRefusedAsync(server, "https://[ff02::1]/h", "ff02::1 is a multicast address");
        await AssertRefusedAsync(server, "https://0.0.0.0/h", "0.0.0.0 is an unspecified (this-network) address");
        await AssertRefusedAsync(server, "https://[::]/h", ":: is an unspecified (this-network) address");
        await AssertRefusedAsync(server, "https://255.255.255.255/h", "255.255.255.255 is the broadcast address");
        await AssertRefusedAsync(server, "https://240.0.0.1/h", "240.0.0.1 is a reserved address");
        await AssertRefusedAsync(server, "https://198.18.0.1/h", "198.18.0.1 is a benchmarking address");
        await AssertRefusedAsync(server, "https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address");
        await AssertRefusedAsync(server, "https://100.100.100.200/h", "100.100.100.200 is a cloud metadata address");
        await AssertRefusedAsync(server, "https://[fd00:ec2::254]/h", "fd00:ec2::254 is a cloud metadata address");
    }

    [Fact]
    public async Task Every_spelling_of_loopback_is_refused_and_localhost_never_reaches_the_resolver()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Production);

        await AssertRefusedAsync(server, "https://2130706433/h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://0x7f000001/h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://0177.0.0.1/h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://127.1/h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://[::ffff:127.0.0.1]/h", "::ffff:127.0.0.1 is 127.0.0.1, a loopback address");
        await AssertRefusedAsync(server, "https://[64:ff9b::7f00:1]/h", "is 127.0.0.1, a loopback address");
        await AssertRefusedAsync(server, "https://127.0.0.1./h", "127.0.0.1 is a loopback address");
        await AssertRefusedAsync(server, "https://0xa9fea9fe/h", "169.254.169.254 is a cloud metadata address");
        await AssertRefusedAsync(server, "https://localhost/h", "localhost resolves to 127.0.0.1, a loopback address");
        await AssertRefusedAsync(server, "https://LocalHost./h", "localhost resolves to 127.0.0.1, a loopback address");
        await AssertRefusedAsync(server, "https://api.localhost/h", "api.localhost resolves to 127.0.0.1, a loopback address");
        await AssertRefusedAsync(server, "https://4294967296/h", "neither a valid IP address nor a host name");

        Assert.Empty(server.Resolver.Asked);
    }

    [Fact]
    public async Task A_name_is_refused_when_any_address_it_resolves_to_is_refused_or_it_does_not_resolve()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Production);
        server.Resolver.Answer = name => name switch
        {
            "private.test" => [IPAddress.Parse("10.0.0.5")],
            "metadata.test" => [IPAddress.Parse("169.254.169.254")],
            "mixed.test" => [TestHostResolver.PublicAddress, IPAddress.Parse("::ffff:192.168.0.7")],
            "nowhere.test" => throw new SocketException((int)SocketError.HostNotFound),
            _ => [TestHostResolver.PublicAddress],
        };

        await AssertRefusedAsync(server, "https://private.test/h", "private.test resolves to 10.0.0.5, a private address");
        await AssertRefusedAsync(server, "https://metadata.test/h", "metadata.test resolves to 169.254.169.254, a cloud metadata address");
        await AssertRefusedAsync(server, "https://mixed.test/h", "mixed.test resolves to 192.168.0.7, a private address");
        await AssertRefusedAsync(server, "https://nowhere.test/h", "nowhere.test does not resolve");
        await server.Api().CreateWebhookAsync(new Uri("https://public.test/h"), "link.clicked");

        Assert.Equal(["private.test", "metadata.test", "mixed.test", "nowhere.test", "public.test"], server.Resolver.Asked);
    }

    [Fact]
    public async Task A_name_whose_lookup_never_completes_is_refused_after_the_lookup_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Production, time: clock);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Resolver.AnswerAsync = async (_, cancellationToken) =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        };
        var before = await redis.KeysAsync(server.Prefix);

        var create = server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://slow.test/h", events = new[] { "link.clicked" } });
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        clock.Advance(TimeSpan.FromSeconds(6));
        var (status, error) = await create.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_ENDPOINT", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("slow.test did not resolve within 5 s", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task Allow_local_allows_http_loopback_but_private_and_metadata_addresses_stay_refused()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Endpoints:AllowLocal"] = "true" });

        await AssertRefusedAsync(server, "http://10.0.0.5/h", "10.0.0.5 is a private address");
        await AssertRefusedAsync(server, "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address");
        await AssertRefusedAsync(server, "http://[::ffff:192.168.0.1]/h", "is 192.168.0.1, a private address");
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_allow_local"));

        Assert.Contains("evt_allow_local", (await receiver.NextAsync()).BodyText);
    }

    [Fact]
    public async Task An_allowed_network_lets_its_addresses_through_but_never_a_metadata_address()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Endpoints:AllowLocal"] = "false",
            ["Dispatcher:Endpoints:AllowedNetworks:0"] = "10.0.0.0/8",
            ["Dispatcher:Endpoints:AllowedNetworks:1"] = "169.254.0.0/16",
        });

        await server.Api().CreateWebhookAsync(new Uri("https://10.1.2.3/h"), "link.clicked");
        await server.Api().CreateWebhookAsync(new Uri("https://169.254.10.10/h"), "link.clicked");
        await AssertRefusedAsync(server, "https://169.254.169.254/h", "169.254.169.254 is a cloud metadata address");
        await AssertRefusedAsync(server, "https://192.168.0.1/h", "192.168.0.1 is a private address");
        await AssertRefusedAsync(server, "http://10.1.2.3/h", "https://");
    }

    private async Task AssertRefusedAsync(DispatcherTestServer server, string url, string reason)
    {
        var before = await redis.KeysAsync(server.Prefix);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = url, events = new[] { "link.clicked" } });

        Assert.True(status == HttpStatusCode.BadRequest, $"{url}: expected 400, got {(int)status} {error}");
        Assert.Equal("INVALID_ENDPOINT", error.GetProperty("error").GetProperty("code").GetString());
        string message = error.GetProperty("error").GetProperty("message").GetString()!;
        Assert.True(message.Contains(reason, StringComparison.Ordinal), $"{url}: expected \"{reason}\" in \"{message}\"");
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }
}
