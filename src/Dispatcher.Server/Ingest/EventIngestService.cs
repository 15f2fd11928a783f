using System.Diagnostics;
using System.Threading.Channels;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Protocol.V1;
using Dispatcher.Server.Auth;
using Google.Protobuf;
using Grpc.Core;
using StackExchange.Redis;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// The producer's stream. Up to <see cref="MaxRequestsInFlight"/> requests of one stream are
/// processed at once and answered in the order they came, which the SDK relies on (it matches each
/// answer to its oldest unanswered request). Past that the stream is not read, so a producer never
/// has more than that many requests in the server plus what HTTP/2 flow control lets it buffer:
/// that, and the SDK's own window, is the back-pressure.
/// </summary>
public sealed partial class EventIngestService(
    IngestPipeline pipeline, IHostApplicationLifetime lifetime, DispatcherMetrics metrics,
    ILogger<EventIngestService> logger)
{
    /// <summary>
    /// Requests of one stream processed at once. A request spends most of its time waiting on Redis
    /// round trips (the subscription versions, one script per partition, WAIT when configured); one at
    /// a time, a stream carries one request per round trip however fast Redis is. Eight keeps Redis
    /// busy for a producer that sends batches back to back, while bounding what one stream holds in
    /// memory to eight requests of Dispatcher:Ingest:MaxRequestBytes.
    /// </summary>
    public const int MaxRequestsInFlight = 8;

    /// <summary>dispatcher.v1.EventIngest/Publish, bound by <see cref="IngestMethodProvider"/>.</summary>
    public async Task Publish(
        IAsyncStreamReader<PublishRequest> requestStream, IServerStreamWriter<PublishResponse> responseStream, ServerCallContext context)
    {
        var scope = ProducerScope.From(context);
        // Set when a request failed: its answer is the call's status, so nothing more is read.
        using var failed = new CancellationTokenSource();
        // On shutdown the stream ends cleanly between requests (those in flight are answered first), so
        // the producer reconnects elsewhere at once instead of holding this instance's shutdown open.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, failed.Token);
        using var slots = new SemaphoreSlim(MaxRequestsInFlight, MaxRequestsInFlight);
        var answers = Channel.CreateUnbounded<InFlightRequest>(new() { SingleReader = true, SingleWriter = true });
        var writing = AnswerInOrderAsync(answers.Reader, responseStream, slots, failed, context);
        try
        {
            await using var requests = ReadUntilStoppingAsync(requestStream, failed.Token, reading.Token).GetAsyncEnumerator();
            // A slot is taken before the next request is read: past the limit the stream waits in HTTP/2.
            while (await TakeSlotAsync(slots, reading.Token) && await requests.MoveNextAsync())
            {
                long received = Stopwatch.GetTimestamp();
                answers.Writer.TryWrite(new InFlightRequest(ProcessAsync(requests.Current, scope, context), received));
            }
        }
        finally
        {
            answers.Writer.TryComplete();
            // Also when reading threw (a request too large, or undecodable): every earlier request is
            // answered before that status ends the call, so the SDK's oldest unanswered one is the culprit.
            await writing;
        }
    }

    /// <summary>
    /// Writes each request's answer in the order the requests came, freeing its slot. A request that
    /// failed ends the call with its status once the earlier ones are answered; the later ones in
    /// flight are let finish unanswered (the producer re-sends them, and their writes are idempotent).
    /// After the producer reset its stream nobody is left to answer, and nothing more is written.
    /// </summary>
    private async Task AnswerInOrderAsync(
        ChannelReader<InFlightRequest> answers, IServerStreamWriter<PublishResponse> responses, SemaphoreSlim slots,
        CancellationTokenSource failed, ServerCallContext context)
    {
        await foreach (var inFlight in answers.ReadAllAsync())
        {
            PublishResponse response;
            try
            {
                response = await inFlight.Response;
            }
            catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
            {
                await failed.CancelAsync();
                await LetFinishAsync(answers);
                throw;
            }
            catch (Exception)
            {
                continue;
            }
            try
            {
                await responses.WriteAsync(response, context.CancellationToken);
            }
            catch (Exception) when (context.CancellationToken.IsCancellationRequested)
            {
                continue;
            }
            metrics.Acknowledged(Stopwatch.GetElapsedTime(inFlight.ReceivedTimestamp));
            slots.Release();
        }
    }

    /// <summary>Waits out the requests still in flight after the call's outcome is known, observing their faults.</summary>
    private static async Task LetFinishAsync(ChannelReader<InFlightRequest> answers)
    {
        await foreach (var inFlight in answers.ReadAllAsync())
        {
            await ((Task)inFlight.Response).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>False when the stream stops being read (stopping, reset, or a request failed) while waiting.</summary>
    private static async Task<bool> TakeSlotAsync(SemaphoreSlim slots, CancellationToken token)
    {
        try
        {
            await slots.WaitAsync(token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Handles one request; Redis trouble becomes the Unavailable status every SDK re-sends on.</summary>
    private async Task<PublishResponse> ProcessAsync(PublishRequest request, ProducerScope scope, ServerCallContext context)
    {
        // Current while the events are written, so each one keeps this span's traceparent (IngestStore);
        // set inside this async method, it never leaks into the reading loop.
        using var span = IngestTracing.StartIngest(context.RequestHeaders, request.Events.Count);
        try
        {
            return await pipeline.ProcessAsync(request, scope);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, ex);
            span?.SetStatus(ActivityStatusCode.Error, "Redis is unreachable");
            throw new RpcException(new Status(StatusCode.Unavailable,
                "Redis is unreachable; nothing in this request was acknowledged, send it again"));
        }
        catch (ReplicasBehindException ex)
        {
            // Answered like an unreachable Redis, which every SDK already re-sends: a new per-event
            // status would read as REJECTED to SDKs that predate it, and they would drop the events.
            span?.SetStatus(ActivityStatusCode.Error, "replicas behind");
            throw new RpcException(new Status(StatusCode.Unavailable, ex.Message));
        }
    }

    private async IAsyncEnumerable<PublishRequest> ReadUntilStoppingAsync(
        IAsyncStreamReader<PublishRequest> requests, CancellationToken failed,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await requests.MoveNext(token);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                yield break;
            }
            catch (OperationCanceledException) when (failed.IsCancellationRequested)
            {
                // A request failed: its status ends the call, and nothing more is read.
                yield break;
            }
            catch (OperationCanceledException ex) when (token.IsCancellationRequested)
            {
                // The producer cancelled its call or went away: the request stream was aborted.
                LogStreamReset(logger, ex.Message);
                yield break;
            }
            catch (InvalidProtocolBufferException ex)
            {
                // Not a PublishRequest at all: its events cannot be told apart to answer them one by one.
                LogUndecodableRequest(logger, ex.Message);
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"a PublishRequest could not be decoded: {ex.Message}"));
            }
            catch (IOException ex)
            {
                // After InvalidProtocolBufferException, itself an IOException: here the producer went away
                // mid-stream (closed its channel, was killed), and every request it sent was answered or
                // gets no answer anyway; a producer leaving is no server error.
                LogStreamReset(logger, ex.Message);
                yield break;
            }
            if (!more)
            {
                yield break;
            }
            yield return requests.Current;
        }
    }
}
