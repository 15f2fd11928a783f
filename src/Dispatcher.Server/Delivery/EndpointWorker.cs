using System.Threading.Channels;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// One endpoint's bounded channel of claimed deliveries and the senders that drain it. A slow or
/// hanging endpoint only ever holds up its own senders; the pump never hands it more than fits.
/// </summary>
public sealed class EndpointWorker
{
    private readonly Channel<QueuedDelivery> _channel;
    private readonly Task[] _senders;
    private int _queued;

    /// <param name="capacity">
    /// Small on purpose: everything in the channel is claimed in Redis, and must be sent before its
    /// claim deadline (see DispatcherOptionsValidator), while the backlog itself waits in Redis.
    /// </param>
    public EndpointWorker(int capacity, int concurrency, Func<QueuedDelivery, CancellationToken, Task> send, CancellationToken stopping)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<QueuedDelivery>(new BoundedChannelOptions(capacity)
        {
            // The pump writes only into free slots, so Wait never blocks it; it is the safe choice if it ever did.
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
            SingleReader = concurrency == 1,
        });
        _senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var delivery in _channel.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await send(delivery, stopping).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _queued);
                }
            }
        }, CancellationToken.None)).ToArray();
    }

    public int Capacity { get; }

    /// <summary>Slots the pump may fill: deliveries queued or being sent count against the capacity.</summary>
    public int FreeSlots => Capacity - Volatile.Read(ref _queued);

    public bool TryEnqueue(QueuedDelivery delivery)
    {
        if (Interlocked.Increment(ref _queued) > Capacity || !_channel.Writer.TryWrite(delivery))
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }
        return true;
    }

    /// <summary>Stops taking work and waits for the senders to finish what they hold.</summary>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_senders).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
