using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Google.Protobuf;

namespace Dispatcher.Client.Tests.Publishing;

/// <summary>What the publisher refuses on its own, before anything reaches a server (none listens here).</summary>
public sealed class PublisherLimitTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9");

    [Fact]
    public async Task Data_over_max_event_bytes_is_refused_with_the_limit_named()
    {
        await using var publisher = new DispatcherPublisher(new PublisherOptions { Address = Nowhere, ProducerKey = "unused_key" });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            publisher.PublishAsync(Event("evt_big", 256 * 1024 + 1)).WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Contains("262145 bytes of data", ex.Message);
        Assert.Contains("MaxEventBytes", ex.Message);
    }

    [Fact]
    public async Task An_event_larger_than_a_batch_is_refused_with_the_limit_named()
    {
        await using var publisher = new DispatcherPublisher(new PublisherOptions
        {
            Address = Nowhere, ProducerKey = "unused_key", MaxEventBytes = 1000, MaxBatchBytes = 2100,
        });
        var evt = Event("evt_long_id", 1000);
        evt.Id = new string('i', 2000);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(evt).WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Contains("MaxBatchBytes", ex.Message);
    }

    [Fact]
    public void A_batch_limit_that_cannot_hold_one_max_size_event_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DispatcherPublisher(new PublisherOptions { Address = Nowhere, ProducerKey = "unused_key", MaxEventBytes = 4096, MaxBatchBytes = 4096 }));
    }

    private static Event Event(string id, int dataBytes) => new()
    {
        Id = id,
        Type = "link.clicked",
        WorkspaceId = "ws_a",
        Data = ByteString.CopyFromUtf8("{\"p\":\"" + new string('x', dataBytes - 8) + "\"}"),
    };
}
