using System.Collections.Concurrent;
using Dispatcher.Core.Delivery;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis.Schedule;
using Google.Protobuf;

namespace Dispatcher.Server.Listen;

/// <summary>
/// The listen streams connected to this instance, and the attempts waiting for their CLI's report.
/// Single-instance: a delivery claimed on another instance does not reach a CLI connected here
/// (it fails as a connection error and is retried on the schedule).
/// </summary>
public sealed partial class ListenSessions(OutboundHttpOptions http, TimeProvider time, ILogger<ListenSessions> logger)
{
    private readonly ConcurrentDictionary<string, ListenConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeliveryReport>> _pending = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="connection"/> the webhook's stream, replacing (and closing) an older one.</summary>
    public void Connect(string webhookId, ListenConnection connection)
    {
        if (_connections.TryGetValue(webhookId, out var old))
        {
            old.Close();
        }
        _connections[webhookId] = connection;
    }

    public void Disconnect(string webhookId, ListenConnection connection)
    {
        _connections.TryRemove(KeyValuePair.Create(webhookId, connection));
        connection.Close();
    }

    /// <summary>Sends one rendered, signed attempt to the webhook's CLI and waits for the local endpoint's answer.</summary>
    public async Task<DeliveryResult> SendAsync(WebhookRequest request, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        string webhookId = ListenEndpoint.WebhookIdOf(request.Endpoint);
        long started = time.GetTimestamp();
        if (!_connections.TryGetValue(webhookId, out var connection))
        {
            LogNoListener(logger, webhookId, delivery.DeliveryId);
            return new(DeliveryResultKind.ConnectionError, 0, TimeSpan.Zero, "no `dispatcher listen` is connected for this webhook", null);
        }
        var limit = request.Timeout ?? http.RequestTimeout;
        string attemptId = Guid.NewGuid().ToString("N");
        var report = new TaskCompletionSource<DeliveryReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[attemptId] = report;
        try
        {
            if (!connection.TryWrite(Forwarded(request, delivery, attemptId, limit)))
            {
                return new(DeliveryResultKind.ConnectionError, 0, TimeSpan.Zero, "the `dispatcher listen` stream closed", null);
            }
            using var timeout = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            DeliveryReport answer;
            try
            {
                answer = await report.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new(DeliveryResultKind.Timeout, 0, time.GetElapsedTime(started), $"no report from `dispatcher listen` within {limit.TotalSeconds:0.###} s", null);
            }
            var latency = time.GetElapsedTime(started);
            string? body = string.IsNullOrEmpty(answer.ResponseBody) ? null : answer.ResponseBody;
            if (answer.StatusCode == 0)
            {
                return new(DeliveryResultKind.ConnectionError, 0, latency, $"local endpoint: {answer.Error}", null);
            }
            var kind = answer.StatusCode is >= 200 and <= 299 ? DeliveryResultKind.Success : DeliveryResultKind.HttpStatus;
            return new(kind, answer.StatusCode, latency, null, body);
        }
        finally
        {
            _pending.TryRemove(attemptId, out _);
        }
    }

    /// <summary>Completes the attempt the report names; false when it is no longer waited for.</summary>
    public bool Report(DeliveryReport report) =>
        _pending.TryRemove(report.AttemptId, out var waiter) && waiter.TrySetResult(report);

    private ForwardedDelivery Forwarded(WebhookRequest request, ClaimedDelivery delivery, string attemptId, TimeSpan limit)
    {
        var forwarded = new ForwardedDelivery
        {
            AttemptId = attemptId,
            DeliveryId = delivery.DeliveryId,
            EventId = delivery.Event.Id,
            EventType = delivery.Event.Type,
            Attempt = delivery.AttemptsMade + 1,
            Body = ByteString.CopyFrom(request.Body.Span),
            TimeoutMs = (int)Math.Min(int.MaxValue, limit.TotalMilliseconds),
        };
        // The headers WebhookSender would put on the wire, so the developer's verification code sees a real delivery.
        forwarded.Headers.Add(new ForwardedHeader { Name = "Content-Type", Value = "application/json" });
        foreach (var (name, value) in request.Headers.Concat(AttemptHeaders.Of(http.UserAgent)))
        {
            forwarded.Headers.Add(new ForwardedHeader { Name = name, Value = value });
        }
        return forwarded;
    }

    [LoggerMessage(EventId = 5703, EventName = "ListenNotConnected", Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} of listen webhook {WebhookId}: no CLI connected; retried on the schedule")]
    private static partial void LogNoListener(ILogger logger, string webhookId, string deliveryId);
}
