using System.Threading.Channels;
using Dispatcher.Engine.Claims;

namespace Dispatcher.Engine.Workers;

/// <summary>
/// One endpoint's bounded channel of claimed deliveries and the senders that drain it. A slow or
/// hanging endpoint only ever holds up its own senders; the pump never hands it more than fits.
/// On shutdown the senders finish the attempt in hand and what is still queued is handed back to
/// Redis, due at once, so another instance need not wait for the claims to expire.
/// </summary>
public sealed partial class EndpointWorker
{
    private readonly string _webhookId;
    private readonly Channel<QueuedDelivery> _channel;
    private readonly Func<QueuedDelivery, Task> _handBack;
    private readonly Action _slotFreed;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task[] _senders;
    private int _queued;
    private int _parked;
    private int _restarts;
    private long _lastActive;

    /// <param name="capacity">
    /// Small on purpose: everything in the channel is claimed in Redis, and must be sent before its
    /// claim deadline (see DispatcherOptionsValidator), while the backlog itself waits in Redis.
    /// </param>
    /// <param name="slotFreed">
    /// Called once a slot is free again after the pump parked the webhook (took it out of the ready
    /// index while full, see <see cref="TryPark"/>): the pump must put it back and refill it. Only then:
    /// a pump that found room claimed all that was due, or it goes round again at once, so a slot freed
    /// with the webhook not parked leaves no due delivery waiting for it, and a pump round would find nothing.
    /// </param>
    /// <param name="stopping">Stop taking deliveries from the channel.</param>
    /// <param name="abort">Give up on attempts in flight (the shutdown deadline has passed).</param>
    public EndpointWorker(
        string webhookId, int capacity, int concurrency, Func<QueuedDelivery, CancellationToken, Task> send, Func<QueuedDelivery, Task> handBack,
        Action slotFreed, TimeProvider time, ILogger logger, CancellationToken stopping, CancellationToken abort)
    {
        _webhookId = webhookId;
        Capacity = capacity;
        _handBack = handBack;
        _slotFreed = slotFreed;
        _time = time;
        _logger = logger;
        _lastActive = time.GetUtcNow().UtcTicks;
        _channel = Channel.CreateBounded<QueuedDelivery>(new BoundedChannelOptions(capacity)
        {
            // Writers take a slot before they write (TryReserve), so Wait never blocks one; it is the
            // safe choice if it ever did. Two write: the pump, and ingest handing new deliveries over.
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = concurrency == 1,
        });
        _senders = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => SuperviseAsync(send, stopping, abort), CancellationToken.None))
            .ToArray();
    }

    public int Capacity { get; }

    /// <summary>Slots the pump may fill: deliveries queued or being sent count against the capacity.</summary>
    public int FreeSlots => Capacity - Volatile.Read(ref _queued);

    /// <summary>Times a sender loop ended unexpectedly and was started again.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Takes a slot and fills it; false when full or stopping.</summary>
    public bool TryEnqueue(QueuedDelivery delivery) => TryReserve() && TryWriteReserved(delivery);

    /// <summary>
    /// Takes a free slot for a delivery not written yet (ingest's, see DirectClaims); false when full.
    /// The slot counts as taken until <see cref="TryWriteReserved"/> fills it or <see cref="ReleaseReserved"/> frees it.
    /// </summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _queued) > Capacity)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }
        return true;
    }

    /// <summary>Fills a slot taken by <see cref="TryReserve"/>; false (and the slot freed) once the worker is stopping.</summary>
    public bool TryWriteReserved(QueuedDelivery delivery)
    {
        if (!_channel.Writer.TryWrite(delivery))
        {
            ReleaseReserved();
            return false;
        }
        Volatile.Write(ref _lastActive, _time.GetUtcNow().UtcTicks);
        return true;
    }

    /// <summary>Frees a slot taken by <see cref="TryReserve"/> and not filled, as a sender frees one.</summary>
    public void ReleaseReserved()
    {
        Interlocked.Decrement(ref _queued);
        SlotFreed();
    }

    private void SlotFreed()
    {
        if (Interlocked.Exchange(ref _parked, 0) == 1)
        {
            _slotFreed();
        }
    }

    /// <summary>
    /// Marks the webhook parked if its channel is full; true when it is, and the pump must take it
    /// out of the ready index. The mark is set before the slots are read, and a sender clears it after
    /// freeing a slot, so one of the two always sees the other: a webhook is never parked with room.
    /// </summary>
    public bool TryPark()
    {
        Interlocked.Exchange(ref _parked, 1);
        if (FreeSlots <= 0)
        {
            return true;
        }
        Interlocked.CompareExchange(ref _parked, 0, 1);
        return false;
    }

    /// <summary>Nothing queued or in flight, and nothing enqueued since <paramref name="cutoff"/>.</summary>
    public bool IdleSince(DateTimeOffset cutoff) =>
        Volatile.Read(ref _queued) == 0 && Volatile.Read(ref _lastActive) <= cutoff.UtcTicks;

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

    /// <summary>
    /// Runs a sender loop and starts it again if it ends by an exception: a sender that died quietly
    /// would leave the channel full for good, and the webhook would get nothing more, not even failures.
    /// The delivery in hand keeps its claim and is sent again once the claim expires.
    /// </summary>
    private async Task SuperviseAsync(Func<QueuedDelivery, CancellationToken, Task> send, CancellationToken stopping, CancellationToken abort)
    {
        while (true)
        {
            try
            {
                await SendLoopAsync(send, stopping, abort).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested || abort.IsCancellationRequested)
            {
                // Shutting down: what is left in the channel is handed back by StopAsync.
                return;
            }
            catch (Exception ex)
            {
                // Deliberately broad (the issue asks for it here): whatever ended the loop, the
                // endpoint must keep a sender. Each restart takes the next delivery, so it cannot spin.
                Interlocked.Increment(ref _restarts);
                LogSenderRestarted(_logger, _webhookId, ex);
            }
        }
    }

    private async Task SendLoopAsync(Func<QueuedDelivery, CancellationToken, Task> send, CancellationToken stopping, CancellationToken abort)
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
                Volatile.Write(ref _lastActive, _time.GetUtcNow().UtcTicks);
                // Free the slot before saying so: a pump woken earlier would see it still taken.
                Interlocked.Decrement(ref _queued);
                SlotFreed();
            }
            if (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
