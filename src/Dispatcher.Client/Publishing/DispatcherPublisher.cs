using System.Threading.Channels;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.Client.Publishing;

/// <summary>
/// Publishes events to Dispatcher over one long-lived gRPC stream. Concurrent callers' events are
/// batched into requests; each <see cref="PublishAsync(Event, CancellationToken)"/> completes when
/// the server has made its event durable (or says why not). If the stream breaks or the server's
/// Redis is unavailable, the publisher reconnects and re-sends every unacknowledged event with the
/// same id — the server's dedupe makes that safe.
/// </summary>
public sealed class DispatcherPublisher : IAsyncDisposable
{
    private readonly PublisherOptions _options;
    private readonly GrpcChannel _channel;
    private readonly EventIngest.EventIngestClient _client;
    private readonly Channel<PendingEvent> _outbox = Channel.CreateUnbounded<PendingEvent>(new() { SingleReader = true });
    private readonly SemaphoreSlim _window;
    // Requests sent on the current stream and not yet answered, oldest first. The server answers in order.
    private readonly Queue<PendingBatch> _inFlight = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private volatile Exception? _fault;

    /// <summary>Room for an event's id, workspace, type, timestamp and protobuf framing (the server allows 1 KiB).</summary>
    private const int EventOverheadBytes = 1024;

    /// <summary>How long a failed write waits for the server's last answers before the stream is torn down.</summary>
    private static readonly TimeSpan SendFailureGrace = TimeSpan.FromSeconds(2);

    /// <summary>Connects lazily: the stream opens with the first event.</summary>
    public DispatcherPublisher(PublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUnacknowledged, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEventBytes, 1);
        // One event of the largest allowed data must fit a batch on its own.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchBytes, options.MaxEventBytes + EventOverheadBytes);
        _options = options;
        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            DisposeHttpClient = options.HttpHandler is null,
        });
        _client = new EventIngest.EventIngestClient(_channel);
        _window = new SemaphoreSlim(options.MaxUnacknowledged, options.MaxUnacknowledged);
        _run = Task.Run(RunAsync);
    }

    /// <summary>Publishes one event and waits for the server's acknowledgement.</summary>
    /// <param name="evt">The event; its id must be unique within its workspace.</param>
    /// <param name="cancellationToken">Stops the wait (and the wait for a window slot), not an event already sent.</param>
    /// <exception cref="PublisherFaultedException">The server refused the stream for good (e.g. a wrong producer key).</exception>
    /// <exception cref="ArgumentException">
    /// The event is too large to send: its data exceeds <see cref="PublisherOptions.MaxEventBytes"/>, or the
    /// whole event exceeds <see cref="PublisherOptions.MaxBatchBytes"/>. Nothing was sent.
    /// </exception>
    public async Task<PublishResult> PublishAsync(Event evt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        int size = SizeInRequest(evt);
        ThrowIfFaulted();
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingEvent(evt, size, new TaskCompletionSource<PublishResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_outbox.Writer.TryWrite(pending))
        {
            _window.Release();
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(DispatcherPublisher));
        }
        return await pending.Waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes one event built from its parts; <paramref name="jsonData"/> must be a UTF-8 JSON object.</summary>
    public Task<PublishResult> PublishAsync(
        string workspaceId, string type, string id, ReadOnlySpan<byte> jsonData, DateTimeOffset? createdAt = null,
        CancellationToken cancellationToken = default) =>
        PublishAsync(new Event
        {
            WorkspaceId = workspaceId,
            Type = type,
            Id = id,
            Data = ByteString.CopyFrom(jsonData),
            CreatedAt = Timestamp.FromDateTimeOffset(createdAt ?? DateTimeOffset.UtcNow),
        }, cancellationToken);

    /// <summary>The event's bytes inside a PublishRequest (its field tag and length included); refuses one too large to send.</summary>
    private int SizeInRequest(Event evt)
    {
        if (evt.Data.Length > _options.MaxEventBytes)
        {
            throw new ArgumentException(
                $"event '{evt.Id}' has {evt.Data.Length} bytes of data; the limit is {_options.MaxEventBytes} (PublisherOptions.MaxEventBytes, the server's Dispatcher:Ingest:MaxEventBytes)",
                nameof(evt));
        }
        int size = evt.CalculateSize();
        size += 1 + CodedOutputStream.ComputeLengthSize(size);
        if (size > _options.MaxBatchBytes)
        {
            throw new ArgumentException(
                $"event '{evt.Id}' is {size} bytes serialized; a request holds at most {_options.MaxBatchBytes} (PublisherOptions.MaxBatchBytes)",
                nameof(evt));
        }
        return size;
    }

    /// <summary>Sends what is queued, waits (up to 30 s) for its acknowledgements, then closes the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _run.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        FailEverything(new ObjectDisposedException(nameof(DispatcherPublisher), "the publisher was disposed before the event was acknowledged"));
        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            if (IsFinished())
            {
                return;
            }
            try
            {
                if (await RunStreamAsync().ConfigureAwait(false))
                {
                    return;
                }
                delay = TimeSpan.FromMilliseconds(100);
            }
            catch (RpcException ex) when (IsPermanent(ex.StatusCode))
            {
                _fault = new PublisherFaultedException($"the server refused the publish stream: {ex.Status.Detail} ({ex.StatusCode})", ex);
                FailEverything(_fault);
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Unavailable, a dropped connection, a restarting server: try again; unacknowledged events are re-sent.
                await Task.Delay(delay, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>Runs one stream; true when the outbox is finished and everything was acknowledged.</summary>
    private async Task<bool> RunStreamAsync()
    {
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        using var call = _client.Publish(new Metadata { { "authorization", "Bearer " + _options.ProducerKey } }, cancellationToken: stream.Token);
        var sending = SendAsync(call.RequestStream, stream.Token);
        var receiving = ReceiveAsync(call.ResponseStream, stream.Token);
        var first = await Task.WhenAny(sending, receiving).ConfigureAwait(false);
        if (first == sending && sending.IsFaulted)
        {
            // A write fails when the server has ended the call; read the answers it sent before that,
            // and its status, so each request's events get what the server said about them.
            await Task.WhenAny(receiving, Task.Delay(SendFailureGrace, _stop.Token)).ConfigureAwait(false);
        }
        // The server ended the stream (e.g. it is shutting down) or either side failed: stop sending
        // on this stream; the caller reconnects and re-sends what was not acknowledged.
        if (first == receiving || first.IsFaulted || first.IsCanceled)
        {
            await stream.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await Task.WhenAll(sending, receiving).ConfigureAwait(false);
        }
        catch
        {
            // Report the server's word (e.g. Unauthenticated) rather than our own cancellation.
            var rpc = new[] { receiving.Exception, sending.Exception }
                .SelectMany(e => e?.InnerExceptions ?? [])
                .OfType<RpcException>()
                .FirstOrDefault(e => e.StatusCode != StatusCode.Cancelled);
            if (rpc is not null)
            {
                throw rpc;
            }
            throw;
        }
        return IsFinished();
    }

    /// <summary>Disposed, with every event sent and acknowledged: no stream is needed any more.</summary>
    private bool IsFinished()
    {
        lock (_gate)
        {
            return _outbox.Reader.Completion.IsCompleted && _inFlight.Count == 0;
        }
    }

    private async Task SendAsync(IClientStreamWriter<PublishRequest> requests, CancellationToken token)
    {
        PendingBatch[] unacknowledged;
        lock (_gate)
        {
            unacknowledged = [.. _inFlight];
        }
        foreach (var batch in unacknowledged)
        {
            await requests.WriteAsync(batch.Request, token).ConfigureAwait(false);
        }
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            var batch = new PendingBatch(new PublishRequest(), []);
            long bytes = 0;
            // Peek first: an event that would push the batch past MaxBatchBytes opens the next one.
            while (batch.Waiters.Count < _options.MaxBatchSize && reader.TryPeek(out var next)
                && (batch.Waiters.Count == 0 || bytes + next.Size <= _options.MaxBatchBytes)
                && reader.TryRead(out var pending))
            {
                bytes += pending.Size;
                batch.Request.Events.Add(pending.Event);
                batch.Waiters.Add(pending.Waiter);
            }
            lock (_gate)
            {
                _inFlight.Enqueue(batch);
            }
            await requests.WriteAsync(batch.Request, token).ConfigureAwait(false);
        }
        await requests.CompleteAsync().ConfigureAwait(false);
    }

    private async Task ReceiveAsync(IAsyncStreamReader<PublishResponse> responses, CancellationToken token)
    {
        while (await NextResponseAsync(responses, token).ConfigureAwait(false))
        {
            PendingBatch batch;
            lock (_gate)
            {
                if (!_inFlight.TryDequeue(out batch!))
                {
                    throw new InvalidOperationException("the server answered a request that was not sent");
                }
            }
            var acks = responses.Current.Acks;
            for (int i = 0; i < batch.Waiters.Count; i++)
            {
                if (i < acks.Count)
                {
                    batch.Waiters[i].TrySetResult(PublishResult.From(acks[i]));
                }
                else
                {
                    batch.Waiters[i].TrySetException(new InvalidOperationException("the server's answer left this event out"));
                }
            }
            _window.Release(batch.Waiters.Count);
        }
        lock (_gate)
        {
            if (_inFlight.Count > 0)
            {
                throw new IOException("the stream ended with events unacknowledged");
            }
        }
    }

    /// <summary>
    /// The next answer. The server answers requests in order and reads the next only after answering
    /// the last, so when it refuses a request whole as too large (RESOURCE_EXHAUSTED), every earlier
    /// one has been answered: the refused one is the oldest unanswered. Its events fail with that
    /// reason and are not re-sent; the others are re-sent on the next stream.
    /// </summary>
    private async Task<bool> NextResponseAsync(IAsyncStreamReader<PublishResponse> responses, CancellationToken token)
    {
        try
        {
            return await responses.MoveNext(token).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            PendingBatch? refused;
            lock (_gate)
            {
                _inFlight.TryDequeue(out refused);
            }
            if (refused is not null)
            {
                string message = $"the server refused the whole request holding this event as too large ({ex.Status.Detail}); lower PublisherOptions.MaxBatchBytes to the server's limit";
                for (int i = 0; i < refused.Waiters.Count; i++)
                {
                    var evt = refused.Request.Events[i];
                    refused.Waiters[i].TrySetResult(new PublishResult(evt.Id, evt.WorkspaceId, PublishStatus.Rejected, RejectReason.RequestTooLarge, message));
                }
                _window.Release(refused.Waiters.Count);
            }
            throw;
        }
    }

    private void FailEverything(Exception error)
    {
        _outbox.Writer.TryComplete();
        int failed = 0;
        lock (_gate)
        {
            while (_inFlight.TryDequeue(out var batch))
            {
                batch.Waiters.ForEach(w => w.TrySetException(error));
                failed += batch.Waiters.Count;
            }
        }
        while (_outbox.Reader.TryRead(out var pending))
        {
            pending.Waiter.TrySetException(error);
            failed++;
        }
        // Their slots go back, so a caller waiting for one wakes and sees the fault instead of waiting forever.
        if (failed > 0)
        {
            _window.Release(failed);
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new PublisherFaultedException(fault.Message, fault);
        }
    }

    private static bool IsPermanent(StatusCode code) =>
        code is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.InvalidArgument or StatusCode.Unimplemented;
}
