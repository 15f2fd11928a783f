using System.Diagnostics;
using Dispatcher.Engine.Telemetry;
using Grpc.Core;

namespace Dispatcher.Server.Ingest;

/// <summary>The span of one ingest request, on the engine's <c>Dispatcher</c> activity source.</summary>
public static class IngestTracing
{
    public const string IngestSpanName = "dispatcher.v1.EventIngest/Publish";

    /// <summary>Starts the span of one PublishRequest; a producer's own traceparent metadata parents it.</summary>
    public static Activity? StartIngest(Metadata requestHeaders, int events)
    {
        if (!DispatcherTracing.Source.HasListeners())
        {
            return null;
        }
        ActivityContext.TryParse(requestHeaders.GetValue("traceparent"), requestHeaders.GetValue("tracestate"), isRemote: true, out var parent);
        var span = DispatcherTracing.Source.StartActivity(IngestSpanName, ActivityKind.Server, parent);
        span?.SetTag("rpc.system", "grpc");
        span?.SetTag("rpc.service", "dispatcher.v1.EventIngest");
        span?.SetTag("rpc.method", "Publish");
        span?.SetTag("dispatcher.ingest.events", events);
        return span;
    }
}
