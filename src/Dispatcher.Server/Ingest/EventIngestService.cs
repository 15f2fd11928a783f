using System.Diagnostics;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Protocol.V1;
using Dispatcher.Server.Auth;
using Google.Protobuf;
using Grpc.Core;
using StackExchange.Redis;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// The producer's stream. Requests are handled one at a time per stream, so a producer never has
/// more than one request in the server plus what HTTP/2 flow control lets it buffer: that, and the
/// SDK's own window, is the back-pressure.
/// </summary>
public sealed partial class EventIngestService(
    IngestPipeline pipeline, IHostApplicationLifetime lifetime, DispatcherMetrics metrics,
    ILogger<EventIngestService> logger)
{
    /// <summary>dispatcher.v1.EventIngest/Publish, bound by <see cref="IngestMethodProvider"/>.</summary>
    public async Task Publish(
        IAsyncStreamReader<PublishRequest> requestStream, IServerStreamWriter<PublishResponse> responseStream, ServerCallContext context)
    {
        var scope = ProducerScope.From(context);
        // On shutdown the stream ends cleanly between requests, so the producer reconnects elsewhere
        // at once instead of holding this instance's shutdown open.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        await foreach (var request in ReadUntilStoppingAsync(requestStream, reading.Token))
        {
            long received = Stopwatch.GetTimestamp();
            // Current while the events are written, so each one keeps this span's traceparent (IngestStore).
            using var span = IngestTracing.StartIngest(context.RequestHeaders, request.Events.Count);
            PublishResponse response;
            try
            {
                response = await pipeline.ProcessAsync(request, scope);
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
            await responseStream.WriteAsync(response, context.CancellationToken);
            metrics.Acknowledged(Stopwatch.GetElapsedTime(received));
        }
    }

    private async IAsyncEnumerable<PublishRequest> ReadUntilStoppingAsync(
        IAsyncStreamReader<PublishRequest> requests, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
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
