namespace Dispatcher.Cli.Listen;

/// <summary>
/// Deliveries the local endpoint already accepted (2xx), by delivery id: after a dropped connection the
/// server re-sends what it never heard back about, and these are reported again without a second POST.
/// </summary>
public sealed class DeliveredCache(int capacity = 10_000)
{
    private readonly Dictionary<string, LocalResult> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string deliveryId, out LocalResult result)
    {
        lock (_byId)
        {
            return _byId.TryGetValue(deliveryId, out result!);
        }
    }

    public void Add(string deliveryId, LocalResult result)
    {
        lock (_byId)
        {
            if (_byId.TryAdd(deliveryId, result))
            {
                _order.Enqueue(deliveryId);
                if (_order.Count > capacity)
                {
                    _byId.Remove(_order.Dequeue());
                }
            }
        }
    }
}
