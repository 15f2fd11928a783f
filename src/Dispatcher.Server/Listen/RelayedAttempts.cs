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

    private readonly ConcurrentDictionary<string, (string ReplyTo, string WebhookId, string Workspace, DateTimeOffset Until)> _attempts =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Remembers who waits for <paramref name="attemptId"/>, an attempt of <paramref name="webhookId"/>
    /// streamed to <paramref name="workspace"/>'s CLI; false when full of attempts still waited for.
    /// </summary>
    public bool Remember(string attemptId, string replyTo, string webhookId, string workspace, TimeSpan timeout)
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
        _attempts[attemptId] = (replyTo, webhookId, workspace, now + timeout + Grace);
        return true;
    }

    /// <summary>Forgets <paramref name="attemptId"/> (it was never written to a stream).</summary>
    public void Forget(string attemptId) => _attempts.TryRemove(attemptId, out _);

    /// <summary>
    /// Who waits for <paramref name="attemptId"/>, forgetting it; null when it was not relayed here, has
    /// expired, or is not an attempt of <paramref name="webhookId"/> streamed to <paramref name="workspace"/>
    /// (then it stays remembered: a foreign report must not use up its owner's).
    /// </summary>
    public string? Take(string attemptId, string webhookId, string workspace)
    {
        if (!_attempts.TryGetValue(attemptId, out var entry)
            || !string.Equals(entry.WebhookId, webhookId, StringComparison.Ordinal)
            || !string.Equals(entry.Workspace, workspace, StringComparison.Ordinal))
        {
            return null;
        }
        return _attempts.TryRemove(KeyValuePair.Create(attemptId, entry)) && entry.Until > time.GetUtcNow() ? entry.ReplyTo : null;
    }
}
