using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>(workspace, id) is remembered in Redis: across restarts and across instances.</summary>
[Collection(RedisCollection.Name)]
public sealed class DedupeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task An_id_accepted_before_a_restart_or_by_another_instance_is_a_duplicate()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using (var first = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix))
        {
            await using var publisher = first.Publisher();
            Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_remembered"))).Status);
        }

        await using var second = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        await using var third = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        await using var toSecond = second.Publisher();
        await using var toThird = third.Publisher();

        Assert.Equal(PublishStatus.Duplicate, (await toSecond.PublishAsync(TestEvents.Create("evt_remembered"))).Status);
        // Two instances racing on one new id: exactly one accepts it.
        var results = await Task.WhenAll(
            toSecond.PublishAsync(TestEvents.Create("evt_raced")),
            toThird.PublishAsync(TestEvents.Create("evt_raced")));
        Assert.Single(results, r => r.Status == PublishStatus.Accepted);
        Assert.Single(results, r => r.Status == PublishStatus.Duplicate);
        // The same id in another workspace is another event.
        Assert.Equal(PublishStatus.Accepted, (await toThird.PublishAsync(
            TestEvents.Create("evt_remembered", workspace: DispatcherTestServer.OtherWorkspace))).Status);
    }
}
