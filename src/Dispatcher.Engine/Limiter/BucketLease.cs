using System.Threading.RateLimiting;

namespace Dispatcher.Engine.Limiter;

/// <summary>
/// A token bucket's answer. A token holds nothing to give back (time refills the bucket), so one
/// granted and one refused instance serve every call: a granted token allocates nothing.
/// </summary>
internal sealed class BucketLease : RateLimitLease
{
    public static readonly BucketLease Granted = new(true);
    public static readonly BucketLease Refused = new(false);

    private BucketLease(bool acquired) => IsAcquired = acquired;

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
