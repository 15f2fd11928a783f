using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary><c>dispatcher listen --print-body</c>: each request's body printed as sent, as Elido's CLI does.</summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenPrintBodyTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Print_body_prints_each_request_body_exactly_as_the_local_endpoint_got_it()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var env = CliServer.Environment(server);
        await using var listen = CliProcess.Start(env, output, "listen", "--forward-to", receiver.Url("/webhooks").ToString(), "--events", "link.clicked", "--print-body");
        await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal));

        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_print_body"));
        }

        var request = await receiver.NextAsync();
        Assert.Contains("--> 200", await listen.NextLineAsync(l => l.Contains("evt_print_body") && l.Contains("-->")));
        // The next line is the body: the bytes the signature covers, non-ASCII data as it came.
        Assert.Equal(request.BodyText, await listen.NextLineAsync(_ => true));
        Assert.Contains("مرحبا ✓ 🚀", request.BodyText);

        listen.Interrupt();
        Assert.Equal(0, (await listen.WaitForExitAsync()).ExitCode);
    }

    [Fact]
    public async Task Without_print_body_no_body_is_printed()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var env = CliServer.Environment(server);
        await using var listen = CliProcess.Start(env, output, "listen", "--forward-to", receiver.Url("/webhooks").ToString(), "--events", "link.clicked");
        await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal));

        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_no_body"));
        }
        await receiver.NextAsync();
        await listen.NextLineAsync(l => l.Contains("evt_no_body"));

        listen.Interrupt();
        var ended = await listen.WaitForExitAsync();
        Assert.Equal(0, ended.ExitCode);
        Assert.DoesNotContain("\"data\"", ended.Stdout);
    }
}
