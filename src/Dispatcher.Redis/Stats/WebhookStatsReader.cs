using System.Globalization;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using StackExchange.Redis;

namespace Dispatcher.Redis.Stats;

/// <summary>
/// Reads the delivery counters settle.lua keeps per webhook, per hour (<see cref="RedisKeys.DeliveryStats"/>), and
/// its last delivery time. Each read is one pipelined round trip, and never re-reads the delivery log. The
/// webhook's own record is read in the same round trip: a webhook that is not <c>workspace</c>'s reads as
/// having no activity (the API answers 404 before it gets here).
/// </summary>
public sealed class WebhookStatsReader(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitions, TimeProvider time)
{
    private const int OutcomeCount = (int)DeliveryOutcome.Expired + 1;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>The hour totals a 24 h summary reads (count_attempts writes <c>h:&lt;outcome&gt;</c>).</summary>
    private static readonly RedisValue[] HourTotals = Enum.GetValues<DeliveryOutcome>().Select(o => (RedisValue)("h:" + o.ToWireName())).ToArray();

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The webhook's attempts over <paramref name="window"/>, in buckets oldest first, the last one holding now.</summary>
    public async Task<WebhookStats> ReadAsync(string workspace, string webhookId, StatsWindow window, CancellationToken ct)
    {
        var (size, count) = window switch
        {
            StatsWindow.Hour => (Minute, 60),
            StatsWindow.Day => (TimeSpan.FromMinutes(15), 96),
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
        };
        var now = time.GetUtcNow();
        var first = Floor(now, size) - (count - 1) * size;
        var end = first + count * size;
        int partition = partitions.PartitionOf(webhookId);
        long firstHour = StatsHours.Of(first), lastHour = StatsHours.Of(end - TimeSpan.FromMilliseconds(1));

        var batch = Db.CreateBatch();
        var owner = batch.HashGetAsync(keys.Webhook(workspace, webhookId), "ws");
        var hours = new Task<HashEntry[]>[lastHour - firstHour + 1];
        for (int i = 0; i < hours.Length; i++)
        {
            hours[i] = batch.HashGetAllAsync(keys.DeliveryStats(partition, webhookId, firstHour + i));
        }
        batch.Execute();
        bool owned = Owns(await owner.WaitAsync(ct).ConfigureAwait(false), workspace);
        await Task.WhenAll(hours).WaitAsync(ct).ConfigureAwait(false);

        var tally = new long[count * OutcomeCount];
        for (int i = 0; i < hours.Length && owned; i++)
        {
            var hourStart = StatsHours.Start(firstHour + i);
            foreach (var entry in hours[i].Result)
            {
                if (!TryMinute(entry.Name, out int minute, out var outcome))
                {
                    continue;
                }
                var at = hourStart + minute * Minute;
                if (at >= first && at < end)
                {
                    tally[(int)((at - first).Ticks / size.Ticks) * OutcomeCount + (int)outcome] += (long)entry.Value;
                }
            }
        }
        var buckets = new StatsBucket[count];
        var totals = new long[OutcomeCount];
        for (int b = 0; b < count; b++)
        {
            var counts = tally.AsSpan(b * OutcomeCount, OutcomeCount);
            buckets[b] = new StatsBucket(first + b * size, OutcomeCounts.Of(counts));
            for (int o = 0; o < OutcomeCount; o++)
            {
                totals[o] += counts[o];
            }
        }
        return new WebhookStats(window, size, buckets, OutcomeCounts.Of(totals));
    }

    /// <summary>
    /// Each webhook's last 24 h (the current minute and the 1439 before it) and last delivery, in one round trip:
    /// whole hours by their totals, the oldest, partial hour minute by minute. Ids that are not
    /// <paramref name="workspace"/>'s webhooks are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, WebhookActivity>> SummariesAsync(
        string workspace, IReadOnlyList<string> webhookIds, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var first = Floor(now, Minute) - 1439 * Minute;
        long firstHour = StatsHours.Of(first), lastHour = StatsHours.Of(now);
        // The first hour counts whole when the window starts on it; otherwise only its minutes from the start on.
        bool firstWhole = StatsHours.Start(firstHour) == first;

        var batch = Db.CreateBatch();
        var reads = new List<SummaryRead>(webhookIds.Count);
        foreach (string id in webhookIds.Distinct(StringComparer.Ordinal))
        {
            int partition = partitions.PartitionOf(id);
            var owner = batch.HashGetAsync(keys.Webhook(workspace, id), "ws");
            var last = batch.StringGetAsync(keys.LastDelivery(partition, id));
            var partial = firstWhole ? null : batch.HashGetAllAsync(keys.DeliveryStats(partition, id, firstHour));
            var whole = new List<Task<RedisValue[]>>();
            for (long hour = firstWhole ? firstHour : firstHour + 1; hour <= lastHour; hour++)
            {
                whole.Add(batch.HashGetAsync(keys.DeliveryStats(partition, id, hour), HourTotals));
            }
            reads.Add(new SummaryRead(id, owner, last, partial, whole));
        }
        batch.Execute();

        var result = new Dictionary<string, WebhookActivity>(reads.Count, StringComparer.Ordinal);
        foreach (var read in reads)
        {
            if (!Owns(await read.Owner.WaitAsync(ct).ConfigureAwait(false), workspace))
            {
                continue;
            }
            var byOutcome = new long[OutcomeCount];
            if (read.Partial is not null)
            {
                var hourStart = StatsHours.Start(firstHour);
                foreach (var entry in await read.Partial.WaitAsync(ct).ConfigureAwait(false))
                {
                    if (TryMinute(entry.Name, out int minute, out var outcome) && hourStart + minute * Minute >= first)
                    {
                        byOutcome[(int)outcome] += (long)entry.Value;
                    }
                }
            }
            foreach (var hour in read.Whole)
            {
                var values = await hour.WaitAsync(ct).ConfigureAwait(false);
                for (int o = 0; o < OutcomeCount; o++)
                {
                    byOutcome[o] += values[o].IsNull ? 0 : (long)values[o];
                }
            }
            var counts = OutcomeCounts.Of(byOutcome);
            var lastMs = await read.Last.WaitAsync(ct).ConfigureAwait(false);
            result[read.Id] = new WebhookActivity(
                counts.Attempts,
                counts.Succeeded,
                counts.Attempts == 0 ? null : (double)counts.Succeeded / counts.Attempts,
                lastMs.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)lastMs));
        }
        return result;
    }

    /// <summary>A minute field, <c>&lt;minute of the hour&gt;:&lt;outcome&gt;</c>; false for the hour's totals or anything unknown.</summary>
    private static bool TryMinute(RedisValue field, out int minute, out DeliveryOutcome outcome)
    {
        string name = field.ToString();
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        outcome = default;
        return int.TryParse(name.AsSpan(0, Math.Max(colon, 0)), NumberStyles.None, CultureInfo.InvariantCulture, out minute)
            && minute is >= 0 and < 60
            && DeliveryOutcomes.TryParse(name[(colon + 1)..], out outcome);
    }

    private static bool Owns(RedisValue storedWorkspace, string workspace) =>
        !storedWorkspace.IsNull && string.Equals(storedWorkspace.ToString(), workspace, StringComparison.Ordinal);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan size) =>
        new(at.UtcTicks - at.UtcTicks % size.Ticks, TimeSpan.Zero);
}
