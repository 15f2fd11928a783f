using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// One reader's wake-up from <see cref="NotificationHub"/>: which workspaces' logs grew since it last
/// looked. Only a hint: the reader reads the log itself, so a wake-up lost or merged costs nothing
/// but its poll interval.
/// </summary>
public sealed class NotificationWake
{
    private readonly ConcurrentDictionary<string, byte> _woken = new(StringComparer.Ordinal);

    // One slot: any number of wake-ups before the reader looks are one.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake(string workspaceId)
    {
        _woken[workspaceId] = 0;
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for a wake-up or <paramref name="poll"/>, then hands over the workspaces woken meanwhile.</summary>
    public async Task<IReadOnlyCollection<string>> WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _signal.Reader.WaitToReadAsync(either.Token);
            _signal.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed with no wake-up: look anyway.
        }
        var woken = _woken.Keys.ToList();
        foreach (var workspace in woken)
        {
            _woken.TryRemove(workspace, out _);
        }
        return woken;
    }
}
