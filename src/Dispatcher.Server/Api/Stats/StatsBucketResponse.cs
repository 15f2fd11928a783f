using Dispatcher.Redis.Stats;

namespace Dispatcher.Server.Api.Stats;

/// <summary>The attempts logged in one bucket, from <paramref name="Start"/> for the response's <c>bucketSeconds</c>, by outcome.</summary>
public sealed record StatsBucketResponse(DateTime Start, long Succeeded, long Retrying, long Failed, long Paused, long Disabled, long Expired)
{
    public static StatsBucketResponse From(StatsBucket bucket)
    {
        var c = bucket.Counts;
        return new(bucket.Start.UtcDateTime, c.Succeeded, c.Retrying, c.Failed, c.Paused, c.Disabled, c.Expired);
    }
}
