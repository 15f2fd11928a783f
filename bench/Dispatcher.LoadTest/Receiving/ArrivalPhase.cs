namespace Dispatcher.LoadTest.Receiving;

/// <summary>
/// What the receiver records for one phase: every arrival per endpoint (for the per-window caps and
/// rates), the first receipt of each event <c>seq</c> (for throughput and latency), and the counts
/// of duplicates, misrouted and unparsed deliveries and of sampled signatures, good and bad.
/// </summary>
public sealed class ArrivalPhase
{
    /// <summary>One request in this many has its signature checked (HMAC over the body costs receiver CPU).</summary>
    public const int SignatureSampleEvery = 8;

    private readonly Func<int, string> _secretOf;
    private readonly List<long>[] _perEndpoint;
    private readonly long[] _receiptMicros;
    private readonly long[] _publishToReceiptMicros;
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total, _unique, _duplicates, _misrouted, _unparsed, _signaturesChecked, _badSignatures, _first, _last;

    /// <param name="expected">Events <c>0 … expected-1</c> to wait for; 0 when arrivals carry no seq (ceilings, peers).</param>
    public ArrivalPhase(string name, int baseIndex, int endpoints, int expected, Func<int, string> secretOf)
    {
        Name = name;
        BaseIndex = baseIndex;
        Endpoints = endpoints;
        Expected = expected;
        _secretOf = secretOf;
        _perEndpoint = [.. Enumerable.Range(0, endpoints).Select(_ => new List<long>())];
        _receiptMicros = new long[expected];
        _publishToReceiptMicros = new long[expected];
        if (expected == 0)
        {
            _allArrived.TrySetResult();
        }
    }

    public string Name { get; }

    public int BaseIndex { get; }

    public int Endpoints { get; }

    public int Expected { get; }

    public long Total => Interlocked.Read(ref _total);

    public long Unique => Interlocked.Read(ref _unique);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Misrouted => Interlocked.Read(ref _misrouted);

    public long Unparsed => Interlocked.Read(ref _unparsed);

    public long SignaturesChecked => Interlocked.Read(ref _signaturesChecked);

    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    public long FirstMicros => Interlocked.Read(ref _first);

    public long LastMicros => Interlocked.Read(ref _last);

    /// <summary>First receipt time of each seq (0: never arrived).</summary>
    public ReadOnlySpan<long> ReceiptMicros => _receiptMicros;

    /// <summary>Of each seq's first receipt: receipt time minus the publish time the event carries.</summary>
    public ReadOnlySpan<long> PublishToReceiptMicros => _publishToReceiptMicros;

    /// <summary>Completes when every expected seq has arrived at least once.</summary>
    public Task AllArrived => _allArrived.Task;

    /// <summary>Arrival times of endpoint <paramref name="endpoint"/> (0-based in this phase), sorted.</summary>
    public long[] ArrivalsOf(int endpoint)
    {
        var list = _perEndpoint[endpoint];
        lock (list)
        {
            long[] copy = [.. list];
            Array.Sort(copy);
            return copy;
        }
    }

    public void Record(int globalEndpoint, ReadOnlySpan<byte> body, string? signature, long nowMicros)
    {
        int endpoint = globalEndpoint - BaseIndex;
        if (endpoint < 0 || endpoint >= Endpoints)
        {
            // Dispatcher's own events (link.clicked.aggregated, when a minute's click window closes)
            // reach other fleets' endpoints during any phase: they carry no seq and are not misrouted.
            Interlocked.Increment(ref EventMarks.TryRead(body, out _) ? ref _misrouted : ref _unparsed);
            return;
        }
        long n = Interlocked.Increment(ref _total);
        Interlocked.CompareExchange(ref _first, nowMicros, 0);
        InterlockedMax(ref _last, nowMicros);
        var list = _perEndpoint[endpoint];
        lock (list)
        {
            list.Add(nowMicros);
        }
        if (n % SignatureSampleEvery == 1)
        {
            Interlocked.Increment(ref _signaturesChecked);
            if (!SignatureCheck.IsValid(_secretOf(endpoint), signature, body, nowMicros))
            {
                Interlocked.Increment(ref _badSignatures);
            }
        }
        if (Expected == 0)
        {
            return;
        }
        if (!EventMarks.TryRead(body, out var marks) || marks.Seq >= Expected)
        {
            Interlocked.Increment(ref _unparsed);
            return;
        }
        if (marks.Seq % Endpoints != endpoint)
        {
            Interlocked.Increment(ref _misrouted);
        }
        if (Interlocked.CompareExchange(ref _receiptMicros[marks.Seq], nowMicros, 0) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        _publishToReceiptMicros[marks.Seq] = nowMicros - marks.SentAtMicros;
        if (Interlocked.Increment(ref _unique) == Expected)
        {
            _allArrived.TrySetResult();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current = Interlocked.Read(ref target);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
