using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Workers;
using Dispatcher.Redis.Schedule;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>The endpoint worker on its own (needs no server): a sender loop that dies is logged and started again.</summary>
public sealed class EndpointWorkerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_fault_that_ends_a_sender_loop_is_logged_and_the_sender_restarted()
    {
        var logs = new TestLoggerProvider(output);
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        var worker = new EndpointWorker("wh_fault", capacity: 4, concurrency: 1,
            send: (delivery, _) => delivery.Claim.DeliveryId == "dlv_fault"
                ? throw new InvalidOperationException("injected fault")
                : Task.FromResult(sent.TrySetResult(delivery.Claim.DeliveryId)),
            handBack: _ => Task.CompletedTask, slotFreed: () => { }, new FakeTimeProvider(), logs.CreateLogger("EndpointWorker"),
            stopping.Token, CancellationToken.None);

        // One sender only: if the fault ended it, nothing would take the second delivery.
        Assert.True(worker.TryEnqueue(Queued("dlv_fault")));
        Assert.True(worker.TryEnqueue(Queued("dlv_after")));

        string restarted = await logs.WaitForAsync("SenderRestarted");
        Assert.Contains("wh_fault", restarted);
        Assert.Equal("dlv_after", await sent.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, worker.Restarts);
        await stopping.CancelAsync();
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(worker.Capacity, worker.FreeSlots);
    }

    private static QueuedDelivery Queued(string deliveryId)
    {
        var webhook = new Webhook("wh_fault", "ws_a", new Uri("http://127.0.0.1:9/hook"), ["link.clicked"], "whsec_test", DateTimeOffset.UnixEpoch);
        var evt = new StoredEvent("evt_" + deliveryId, "ws_a", "link.clicked", DateTimeOffset.UnixEpoch, "{}"u8.ToArray());
        return new QueuedDelivery(0, webhook, new ClaimedDelivery(deliveryId, webhook.Id, 0, "1", evt), DateTimeOffset.UnixEpoch);
    }
}
