using System.Threading.Channels;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// One endpoint's bounded channel of claimed deliveries and the senders that drain it. A slow or
/// hanging endpoint only ever holds up its own senders; the pump never hands it more than fits.
/// On shutdown the senders finish the attempt in hand and what is still queued is handed back to
/// Redis, due at once, so another instance need not wait for the claims to expire.
/// </summary>
public sealed class EndpointWorker
{
    private readonly Channel<QueuedDelivery> _channel;
    private readonly Func<QueuedDelivery, Task> _handBack;
    private readonly Action _slotFreed;
    private readonly Task[] _senders;
    private int _queued;

    /// <param name="capacity">
    /// Small on purpose: everything in the channel is claimed in Redis, and must be sent before its
    /// claim deadline (see DispatcherOptionsValidator), while the backlog itself waits in Redis.
    /// </param>
    /// <param name="slotFreed">Called once a slot is free again, so the pump can refill it.</param>
    /// <param name="stopping">Stop taking deliveries from the channel.</param>
    /// <param name="abort">Give up on attempts in flight (the shutdown deadline has passed).</param>
    public EndpointWorker(
        int capacity, int concurrency, Func<QueuedDelivery, CancellationToken, Task> send, Func<QueuedDelivery, Task> handBack,
        Action slotFreed, CancellationToken stopping, CancellationToken abort)
    {
        Capacity = capacity;
        _handBack = handBack;
        _slotFreed = slotFreed;
        _channel = Channel.CreateBounded<QueuedDelivery>(new BoundedChannelOptions(capacity)
        {
            // The pump writes only into free slots, so Wait never blocks it; it is the safe choice if it ever did.
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
            SingleReader = concurrency == 1,
        });
        _senders = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => SendLoopAsync(send, stopping, abort), CancellationToken.None))
            .ToArray();
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

    /// <summary>Waits for the senders to finish the attempts in hand, then hands back the rest.</summary>
    public async Task StopAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_senders).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_channel.Reader.TryRead(out var delivery))
        {
            await _handBack(delivery).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SendLoopAsync(Func<QueuedDelivery, CancellationToken, Task> send, CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            while (await _channel.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                if (!_channel.Reader.TryRead(out var delivery))
                {
                    continue;
                }
                try
                {
                    await send(delivery, abort).ConfigureAwait(false);
                }
                finally
                {
                    // Free the slot before saying so: a pump woken earlier would see it still taken.
                    Interlocked.Decrement(ref _queued);
                    _slotFreed();
                }
                if (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is left in the channel is handed back by StopAsync.
        }
    }
}
