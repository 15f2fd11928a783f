using Dispatcher.Core.Events;
using Dispatcher.Core.Json;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis.Ingest;
using Dispatcher.Server.Aggregation;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// One PublishRequest in, one PublishResponse out: validate each event on its own, fan the good
/// ones out to their workspace's subscribed webhooks, make them durable, then acknowledge.
/// Whatever is wrong with one event (or the request's size) is answered as a rejection; it throws
/// (and acknowledges nothing) only when Redis cannot take the writes, or when fewer replicas than
/// <see cref="IngestOptions.WaitForReplicas"/> confirmed them in time.
/// </summary>
public sealed partial class IngestPipeline(
    SubscriptionCache subscriptionCache, IngestStore store, Enqueuer enqueuer, DispatcherMetrics metrics, IOptions<DispatcherOptions> options,
    TimeProvider time, ClickCounter clicks, ILogger<IngestPipeline> logger)
{
    /// <param name="scope">The workspaces the caller's producer key may publish to (suspended and deleted ones refused).</param>
    public async Task<PublishResponse> ProcessAsync(PublishRequest request, ProducerScope scope)
    {
        var ingest = options.Value.Ingest;
        if (request.Events.Count > ingest.MaxEventsPerRequest)
        {
            // Answered, not thrown: the stream (and the producer's other requests on it) stays usable,
            // and the SDK learns which events to give up on instead of re-sending the batch forever.
            return RejectAll(request, RejectionKind.TooManyEvents,
                $"this PublishRequest had {request.Events.Count} events; the server takes at most {ingest.MaxEventsPerRequest} per request (Dispatcher:Ingest:MaxEventsPerRequest): send them in smaller requests");
        }
        var now = time.GetUtcNow();
        var acks = new EventAck[request.Events.Count];
        var valid = new List<(int Index, StoredEvent Event)>(request.Events.Count);
        for (int i = 0; i < request.Events.Count; i++)
        {
            var evt = request.Events[i];
            var rejection = EventValidator.Validate(evt.Id, evt.WorkspaceId, evt.Type, evt.Data.Span, ingest.MaxEventBytes)
                ?? (evt.CreatedAt is { } at ? EventValidator.ValidateCreatedAt(at.Seconds, at.Nanos) : null)
                ?? scope.Refusal(evt.WorkspaceId);
            if (rejection is not null)
            {
                acks[i] = Ack(evt, AckStatus.Rejected, rejection.Message, ToReason(rejection.Kind));
                metrics.Ingested("rejected", rejection.Kind.ToString());
                continue;
            }
            // Checked above, so the conversion cannot throw.
            var createdAt = evt.CreatedAt is null ? now : evt.CreatedAt.ToDateTimeOffset();
            // Kept in the form JSON.stringify(JSON.parse(data)) gives, once, so every delivery of it is
            // byte for byte what a receiver that re-serialises the parsed body signs over.
            var data = JsonCanonicalizer.Canonicalize(evt.Data.Span);
            valid.Add((i, new StoredEvent(evt.Id, evt.WorkspaceId, evt.Type, createdAt, data)));
        }

        if (valid.Count > 0)
        {
            var subscriptions = await subscriptionCache.LoadAsync(valid.Select(v => v.Event.WorkspaceId));
            // Before the write: the home body it leaves (the dedupe marker) turns a retry into a duplicate, so a click must be counted by then.
            await clicks.CountAsync(valid.Select(v => v.Event), subscriptions, now);
            var items = valid.Select(v => new IngestItem(
                v.Event, subscriptions[v.Event.WorkspaceId].Where(w => w.IsSubscribedTo(v.Event.Type)).ToList())).ToList();
            var outcomes = await enqueuer.WriteAsync(touched => store.WriteAsync(items, now, ingest.DedupeWindow, touched));
            if (ingest.WaitForReplicas > 0)
            {
                // Duplicates wait too: a re-send after a refusal below finds its bodies on the primary,
                // and must not be acknowledged before the replicas hold the first write either.
                await WaitForReplicasAsync(items, ingest);
            }
            for (int k = 0; k < valid.Count; k++)
            {
                var evt = request.Events[valid[k].Index];
                acks[valid[k].Index] = outcomes[k] == IngestOutcome.Accepted
                    ? Ack(evt, AckStatus.Accepted, "", RejectReason.Unspecified)
                    : Ack(evt, AckStatus.Duplicate, "already accepted within the dedupe window", RejectReason.Unspecified);
            }
            int accepted = outcomes.Count(o => o == IngestOutcome.Accepted);
            metrics.Ingested("accepted", null, accepted);
            metrics.Ingested("duplicate", null, outcomes.Length - accepted);
        }

        var response = new PublishResponse();
        response.Acks.AddRange(acks);
        return response;
    }

    private async Task WaitForReplicasAsync(List<IngestItem> items, IngestOptions ingest)
    {
        long confirmed = await store.WaitForReplicasAsync(items, ingest.WaitForReplicas, ingest.WaitForReplicasTimeout);
        if (confirmed >= ingest.WaitForReplicas)
        {
            return;
        }
        LogReplicasBehind(logger, confirmed, ingest.WaitForReplicas, items.Count, ingest.WaitForReplicasTimeout.TotalMilliseconds);
        throw new ReplicasBehindException(
            $"only {confirmed} of {ingest.WaitForReplicas} replicas (Dispatcher:Ingest:WaitForReplicas) confirmed this request's writes within " +
            $"{ingest.WaitForReplicasTimeout.TotalMilliseconds:0} ms; nothing in it was acknowledged, send it again (it is deduplicated)");
    }

    private PublishResponse RejectAll(PublishRequest request, RejectionKind kind, string message)
    {
        var response = new PublishResponse();
        response.Acks.AddRange(request.Events.Select(e => Ack(e, AckStatus.Rejected, message, ToReason(kind))));
        metrics.Ingested("rejected", kind.ToString(), request.Events.Count);
        return response;
    }

    private static EventAck Ack(Event evt, AckStatus status, string message, RejectReason reason) => new()
    {
        Id = evt.Id,
        WorkspaceId = evt.WorkspaceId,
        Status = status,
        Reason = reason,
        Message = message,
    };

    private static RejectReason ToReason(RejectionKind kind) => kind switch
    {
        RejectionKind.MissingId => RejectReason.MissingId,
        RejectionKind.InvalidId => RejectReason.InvalidId,
        RejectionKind.MissingWorkspace => RejectReason.MissingWorkspace,
        RejectionKind.InvalidWorkspace => RejectReason.InvalidWorkspace,
        RejectionKind.UnknownEventType => RejectReason.UnknownEventType,
        RejectionKind.InvalidData => RejectReason.InvalidData,
        RejectionKind.PayloadTooLarge => RejectReason.PayloadTooLarge,
        RejectionKind.InvalidCreatedAt => RejectReason.InvalidCreatedAt,
        RejectionKind.WorkspaceNotAllowed => RejectReason.WorkspaceNotAllowed,
        RejectionKind.TooManyEvents => RejectReason.TooManyEvents,
        _ => RejectReason.Unspecified,
    };
}
