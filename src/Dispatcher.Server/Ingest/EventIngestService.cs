using Dispatcher.Protocol.V1;
using Dispatcher.Server.Configuration;
using Grpc.Core;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// The producer's stream. Requests are handled one at a time per stream, so a producer never has
/// more than one request in the server plus what HTTP/2 flow control lets it buffer: that, and the
/// SDK's own window, is the back-pressure.
/// </summary>
public sealed partial class EventIngestService(IngestPipeline pipeline, IOptions<DispatcherOptions> options, ILogger<EventIngestService> logger)
    : EventIngest.EventIngestBase
{
    public override async Task Publish(
        IAsyncStreamReader<PublishRequest> requestStream, IServerStreamWriter<PublishResponse> responseStream, ServerCallContext context)
    {
        int maxEvents = options.Value.Ingest.MaxEventsPerRequest;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (request.Events.Count > maxEvents)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"a PublishRequest carries at most {maxEvents} events; this one had {request.Events.Count}"));
            }
            PublishResponse response;
            try
            {
                response = await pipeline.ProcessAsync(request);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, ex);
                throw new RpcException(new Status(StatusCode.Unavailable,
                    "Redis is unreachable; nothing in this request was acknowledged, send it again"));
            }
            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "IngestRedisUnavailable", Level = LogLevel.Warning,
        Message = "Ingest could not write to Redis; the producer's request was not acknowledged")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}
