using System.Diagnostics;
using Dispatcher.Core.Deliveries;
using Dispatcher.Engine.Claims;

namespace Dispatcher.Engine.Telemetry;

/// <summary>
/// The <c>Dispatcher</c> activity source: a span per ingest request (<c>IngestTracing</c> in the
/// server), and a span per delivery attempt that is a child of the ingest span of its event (its traceparent is kept with the
/// event in Redis), so one trace shows an event from the producer to every receiver. The attempt
/// span is current while the request is sent, so the outbound handler passes its context on in
/// the W3C <c>traceparent</c> header.
/// </summary>
public static class DispatcherTracing
{
    public const string SourceName = "Dispatcher";
    public const string AttemptSpanName = "POST";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the span of one delivery attempt as a child of its event's ingest span.</summary>
    public static Activity? StartAttempt(QueuedDelivery queued)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        ActivityContext.TryParse(queued.Claim.TraceParent, null, isRemote: true, out var parent);
        var span = Source.StartActivity(AttemptSpanName, ActivityKind.Client, parent);
        if (span is { IsAllDataRequested: true })
        {
            // Ids are fine on a span (one per attempt); the URL is not recorded: its query may hold a token.
            span.SetTag("http.request.method", "POST");
            span.SetTag("server.address", queued.Webhook.Endpoint.Host);
            span.SetTag("server.port", queued.Webhook.Endpoint.Port);
            span.SetTag("dispatcher.webhook.id", queued.Webhook.Id);
            span.SetTag("dispatcher.delivery.id", queued.Claim.DeliveryId);
            span.SetTag("dispatcher.event.type", queued.Claim.Event.Type);
            span.SetTag("dispatcher.attempt", queued.Claim.AttemptsMade + 1);
        }
        return span;
    }

    /// <summary>Records an attempt's answer on its span, if it is the current activity.</summary>
    internal static void AttemptCompleted(DeliveryOutcome outcome, int statusCode)
    {
        if (Activity.Current is not { } span || span.Source != Source || span.OperationName != AttemptSpanName)
        {
            return;
        }
        if (statusCode != 0)
        {
            span.SetTag("http.response.status_code", statusCode);
        }
        string name = outcome.ToWireName();
        span.SetTag("dispatcher.delivery.outcome", name);
        if (statusCode is < 200 or > 299)
        {
            span.SetStatus(ActivityStatusCode.Error, name);
        }
    }
}
