namespace Dispatcher.LoadTest.Peers;

/// <summary>
/// A peer's run: its own figure (<c>delivered_per_s</c>: N over first enqueue to queue empty), what
/// our receiver saw of it, and why it was skipped when it was.
/// </summary>
public sealed record PeerResult(
    string Name, int Events, int Endpoints, double DeliveredPerSecond, double Seconds,
    long Received, long SignaturesChecked, long BadSignatures, string? Skipped)
{
    public static PeerResult Skip(string name, int events, int endpoints, string reason) => new(name, events, endpoints, 0, 0, 0, 0, 0, reason);
}
