using System.Collections.Concurrent;
using Dispatcher.Engine.Attempts;
using Dispatcher.Engine.Sending;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis.Schedule;
using Google.Protobuf;

namespace Dispatcher.Server.Listen;

/// <summary>
/// The listen streams connected to this instance, and the attempts waiting for their CLI's report.
/// An attempt for a session whose stream is open on another instance goes there through
/// <see cref="ListenRelay"/>, and its report comes back the same way.
/// </summary>
public sealed partial class ListenSessions(
    OutboundHttpOptions http, ListenRelay relay, RelayedAttempts relayed, TimeProvider time, ILogger<ListenSessions> logger)
    : IDeliveryTransport
{
    private const string StreamClosed = "the `dispatcher listen` stream closed";

    private static readonly string NotKeepingUp =
        $"the `dispatcher listen` stream is not keeping up: {ListenConnection.Capacity} attempts already wait to be written to it";

    private readonly ConcurrentDictionary<string, ListenConnection> _connections = new(StringComparer.Ordinal);
    /// <summary>Attempts sent from here and waited for, with the webhook and workspace a report must name to complete them.</summary>
    private readonly ConcurrentDictionary<string, (TaskCompletionSource<DeliveryReport> Report, string WebhookId, string Workspace)> _pending =
        new(StringComparer.Ordinal);

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

    /// <summary>Whether the webhook has a stream connected to this instance.</summary>
    public bool IsConnected(string webhookId) => _connections.ContainsKey(webhookId);

    /// <summary>Sends one rendered, signed attempt to the webhook's CLI and waits for the local endpoint's answer.</summary>
    /// <summary>The attempts of <c>cli://</c> endpoints go down a listen stream.</summary>
    public bool Carries(Uri endpoint) => ListenEndpoint.IsListen(endpoint);

    public async Task<DeliveryResult> SendAsync(WebhookRequest request, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        string webhookId = ListenEndpoint.WebhookIdOf(request.Endpoint);
        long started = time.GetTimestamp();
        var limit = request.Timeout ?? http.RequestTimeout;
        string attemptId = Guid.NewGuid().ToString("N");
        var report = new TaskCompletionSource<DeliveryReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Waited for before it is sent: a relayed report may come back before the send returns.
        _pending[attemptId] = (report, webhookId, delivery.Event.WorkspaceId);
        try
        {
            var forwarded = Forwarded(request, delivery, attemptId, limit);
            if (_connections.TryGetValue(webhookId, out var connection))
            {
                if (!connection.TryWrite(forwarded))
                {
                    return new(DeliveryResultKind.ConnectionError, 0, TimeSpan.Zero, connection.IsFull ? NotKeepingUp : StreamClosed, null);
                }
            }
            else if (!await relay.SendAsync(webhookId, forwarded).ConfigureAwait(false))
            {
                LogNoListener(logger, webhookId, delivery.DeliveryId);
                return new(DeliveryResultKind.ConnectionError, 0, TimeSpan.Zero, "no `dispatcher listen` is connected for this webhook", null);
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
            if (answer.StreamClosed)
            {
                // Relayed to an instance whose stream had closed in the meantime.
                return new(DeliveryResultKind.ConnectionError, 0, latency, StreamClosed, null);
            }
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

    /// <summary>
    /// The CLI's report (ReportResult on this instance, by <paramref name="workspace"/>'s key): completes
    /// the attempt waited for here, or sends it back to the instance that relayed the attempt; false
    /// when it is no longer waited for, or is not an attempt of that workspace's webhook named in the report.
    /// </summary>
    public async Task<bool> ReportAsync(DeliveryReport report, string workspace) =>
        Complete(report, workspace)
        || (relayed.Take(report.AttemptId, report.WebhookId, workspace) is { } replyTo && await relay.ReportAsync(replyTo, report).ConfigureAwait(false));

    /// <summary>
    /// Completes the attempt the report names if this instance waits for it and it is the named
    /// webhook's (and, when given, <paramref name="workspace"/>'s: reports relayed between instances
    /// were checked where the CLI sent them).
    /// </summary>
    public bool Complete(DeliveryReport report, string? workspace = null) =>
        _pending.TryGetValue(report.AttemptId, out var waiter)
        && string.Equals(waiter.WebhookId, report.WebhookId, StringComparison.Ordinal)
        && (workspace is null || string.Equals(waiter.Workspace, workspace, StringComparison.Ordinal))
        && _pending.TryRemove(KeyValuePair.Create(report.AttemptId, waiter))
        && waiter.Report.TrySetResult(report);

    /// <summary>
    /// An attempt relayed by the instance delivering the session's partition: written to the stream
    /// here, or answered "stream closed" at once (rather than left to time out) when there is none.
    /// </summary>
    public void AcceptRelayed(RelayedDelivery attempt)
    {
        var delivery = attempt.Delivery;
        bool connected = _connections.TryGetValue(attempt.WebhookId, out var connection);
        // Remembered before it is written: the CLI may report before this method returns.
        bool remembered = connected && relayed.Remember(
            delivery.AttemptId, attempt.ReplyTo, attempt.WebhookId, connection!.Workspace, TimeSpan.FromMilliseconds(delivery.TimeoutMs));
        if (connected && connection!.TryWrite(delivery))
        {
            if (!remembered)
            {
                LogRelayedFull(logger, attempt.WebhookId, RelayedAttempts.Capacity);
            }
            LogRelayedIn(logger, delivery.DeliveryId, attempt.WebhookId, attempt.ReplyTo);
            return;
        }
        relayed.Forget(delivery.AttemptId);
        LogRelayedToClosed(logger, delivery.DeliveryId, attempt.WebhookId);
        var closed = new DeliveryReport { WebhookId = attempt.WebhookId, AttemptId = delivery.AttemptId, StreamClosed = true };
        // Not awaited: this runs on the subscriber's message loop, and ReportAsync logs its own failure.
        _ = relay.ReportAsync(attempt.ReplyTo, closed);
    }

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
        // The headers WebhookSender puts on the wire (WireHeaders), so the developer's verification code sees a real delivery.
        foreach (var (name, value) in request.Headers)
        {
            forwarded.Headers.Add(new ForwardedHeader { Name = name, Value = value });
        }
        return forwarded;
    }
}
