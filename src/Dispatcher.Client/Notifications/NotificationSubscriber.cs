using System.Runtime.CompilerServices;
using Dispatcher.Protocol.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.Client.Notifications;

/// <summary>
/// A producer's stream of webhook status changes that misses nothing: the server reads each
/// workspace's durable notification log from a cursor, and this subscriber keeps the cursor of the
/// last notification it handed out, reconnecting from it when the stream breaks. Save
/// <see cref="Cursor"/> once a notification is handled, and pass it as
/// <see cref="SubscriberOptions.Cursor"/> after a restart: nothing is missed, nothing comes twice.
/// </summary>
public sealed class NotificationSubscriber : IDisposable
{
    /// <summary>The response header that carries a new stream's starting cursor.</summary>
    public const string CursorHeader = "dispatcher-cursor";

    private readonly SubscriberOptions _options;
    private readonly GrpcChannel _channel;
    private readonly WebhookNotifications.WebhookNotificationsClient _client;

    /// <summary>A subscriber on its own gRPC channel; nothing is sent until <see cref="ReadAllAsync"/> or <see cref="StartAsync"/>.</summary>
    public NotificationSubscriber(SubscriberOptions options)
    {
        _options = options;
        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { HttpHandler = options.HttpHandler, DisposeHttpClient = true });
        _client = new WebhookNotifications.WebhookNotificationsClient(_channel);
        Cursor = options.Cursor;
    }

    /// <summary>
    /// Where the subscriber stands: the cursor of the last notification handed out, or where the stream
    /// started if none was. Null only before the first stream opened without a cursor.
    /// </summary>
    public string? Cursor { get; private set; }

    /// <summary>
    /// Every change from <see cref="Cursor"/> on, until <paramref name="cancellationToken"/> is
    /// cancelled. Reconnects when the server is unavailable or its stream ends (an instance stopping);
    /// a refusal (bad key, foreign workspace, unreadable cursor) ends the enumeration with its <see cref="RpcException"/>.
    /// </summary>
    public async IAsyncEnumerable<WebhookNotification> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            var request = new SubscribeRequest { Cursor = Cursor ?? "" };
            request.WorkspaceIds.AddRange(_options.Workspaces);
            using var call = _client.Subscribe(request, new Metadata { { "authorization", "Bearer " + _options.ProducerKey } }, cancellationToken: cancellationToken);
            var stream = new NotificationStream(call);
            while (await stream.MoveNextAsync(cancellationToken))
            {
                if (stream.StartCursor is { } start && Cursor is null)
                {
                    Cursor = start;
                }
                if (stream.Current is { } notification)
                {
                    delay = TimeSpan.FromMilliseconds(100);
                    Cursor = notification.Cursor;
                    yield return notification;
                }
            }
            if (stream.Broken)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// Opens a stream and returns its starting cursor once the server says it is live: changes from
    /// here on reach a <see cref="ReadAllAsync"/> that starts from it.
    /// </summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        var request = new SubscribeRequest { Cursor = Cursor ?? "" };
        request.WorkspaceIds.AddRange(_options.Workspaces);
        using var call = _client.Subscribe(request, new Metadata { { "authorization", "Bearer " + _options.ProducerKey } }, cancellationToken: cancellationToken);
        var headers = await call.ResponseHeadersAsync;
        Cursor = headers.GetValue(CursorHeader) ?? throw new InvalidOperationException("the server did not say where its notification stream starts");
        return Cursor;
    }

    /// <summary>Closes the gRPC channel.</summary>
    public void Dispose() => _channel.Dispose();
}
