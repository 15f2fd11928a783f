using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Hosting;

public static partial class DispatcherHost
{
    [LoggerMessage(EventId = LogEventIds.Listening, EventName = nameof(LogEventIds.Listening), Level = LogLevel.Information,
        Message = "Dispatcher is up: REST API on {Http}, gRPC ingest on {Grpc}; Ctrl+C stops it")]
    private static partial void LogListening(ILogger logger, Uri http, Uri grpc);

    [LoggerMessage(EventId = LogEventIds.EmbeddedStore, EventName = nameof(LogEventIds.EmbeddedStore), Level = LogLevel.Warning,
        Message = "No ConnectionStrings:Redis configured: using the embedded Garnet store on {Address}, append-only log in {DataPath}. Set ConnectionStrings__Redis=host:port for production.")]
    private static partial void LogEmbeddedStore(ILogger logger, string address, string dataPath);

    [LoggerMessage(EventId = LogEventIds.RedisStore, EventName = nameof(LogEventIds.RedisStore), Level = LogLevel.Information, Message = "Using Redis at {Address}")]
    private static partial void LogRedis(ILogger logger, string address);

    [LoggerMessage(EventId = LogEventIds.SampleKeys, EventName = nameof(LogEventIds.SampleKeys), Level = LogLevel.Warning,
        Message = "{Environment} environment: the API, producer and operator keys are the public samples from appsettings.Development.json (API key 'dev_api_key' for workspace 'ws_demo', producer key 'dev_producer_key', operator key 'dev_operator_key'). Never use them outside development.")]
    private static partial void LogSampleKeys(ILogger logger, string environment);
}
