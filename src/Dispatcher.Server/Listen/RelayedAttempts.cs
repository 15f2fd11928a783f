using System.Collections.Concurrent;

namespace Dispatcher.Server.Listen;

/// <summary>
/// On the instance holding a session's stream: which instance waits for each attempt relayed to it,
/// so the CLI's report can be sent back there. An entry lives as long as its sender waits (plus a
/// little), and there are at most <see cref="Capacity"/>: beyond that a report is not relayed and its
/// attempt times out (retried on the schedule), which is what a lost pub/sub message costs anyway.
/// </summary>
public sealed class RelayedAttempts(TimeProvider time)
{
    public const int Capacity = 10_000;

    // The sender started its timer before publishing; this one starts later, so it ends no earlier.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string ReplyTo, DateTimeOffset Until)> _attempts = new(StringComparer.Ordinal);

    /// <summary>Remembers who waits for <paramref name="attemptId"/>; false when full of attempts still waited for.</summary>
    public bool Remember(string attemptId, string replyTo, TimeSpan timeout)
    {
        var now = time.GetUtcNow();
        if (_attempts.Count >= Capacity)
        {
            foreach (var (id, entry) in _attempts)
            {
                if (entry.Until <= now)
                {
                    _attempts.TryRemove(id, out _);
                }
            }
            if (_attempts.Count >= Capacity)
            {
                return false;
            }
        }
        _attempts[attemptId] = (replyTo, now + timeout + Grace);
        return true;
    }

    /// <summary>Who waits for <paramref name="attemptId"/>, forgetting it; null when it was not relayed here or has expired.</summary>
    public string? Take(string attemptId) =>
        _attempts.TryRemove(attemptId, out var entry) && entry.Until > time.GetUtcNow() ? entry.ReplyTo : null;
}
