using Dispatcher.Protocol.V1;
using Grpc.Core;

namespace Dispatcher.Client.Notifications;

/// <summary>
/// One Subscribe call, read without exceptions for the failures a reconnect heals: yield cannot sit
/// inside a try with a catch, so <see cref="NotificationSubscriber"/> reads through this.
/// </summary>
internal sealed class NotificationStream(AsyncServerStreamingCall<WebhookNotification> call)
{
    private bool _headersRead;

    /// <summary>The stream's starting cursor, once its headers arrived.</summary>
    public string? StartCursor { get; private set; }

    public WebhookNotification? Current { get; private set; }

    /// <summary>The stream ended by a failure worth reconnecting for (or the server ending it), not by the caller.</summary>
    public bool Broken { get; private set; }

    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_headersRead)
            {
                _headersRead = true;
                StartCursor = (await call.ResponseHeadersAsync).GetValue(NotificationSubscriber.CursorHeader);
                Current = null;
                return true;
            }
            if (await call.ResponseStream.MoveNext(cancellationToken))
            {
                Current = call.ResponseStream.Current;
                return true;
            }
            Broken = true;
            return false;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
            || (ex.StatusCode == StatusCode.Cancelled && !cancellationToken.IsCancellationRequested))
        {
            Broken = true;
            return false;
        }
    }
}
