using System.Collections.Concurrent;
using Dispatcher.Redis.Schedule;
using StackExchange.Redis;

namespace Dispatcher.Engine.Processing;

/// <summary>
/// Coalesces settlements (with their log entries) into one script call per partition: while a
/// partition's call is in flight, the outcomes that finish meanwhile wait and go together in the
/// next call (group commit). Under light load each settles alone at once, no timer and no added
/// wait; under heavy load a call carries up to <see cref="MaxBatch"/>, one round trip for all.
/// </summary>
public sealed class SettleBatcher(ScheduleStore schedule)
{
    /// <summary>Bounds one script's run time (Redis runs nothing else meanwhile) and its reply.</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<int, PartitionSettles> _partitions = new();

    /// <summary>Settles <paramref name="request"/> with the next batch of its partition; false when its claim had gone stale.</summary>
    public Task<bool> SettleAsync(int partition, SettleRequest request) =>
        _partitions.GetOrAdd(partition, p => new PartitionSettles(p, schedule)).Add(request);

    private sealed class PartitionSettles(int partition, ScheduleStore schedule)
    {
        private readonly List<(SettleRequest Request, TaskCompletionSource<bool> Done)> _pending = [];
        private bool _flushing;

        public Task<bool> Add(SettleRequest request)
        {
            // Continuations run on the pool: the flush loop must not run the senders' next attempts inline.
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool start;
            lock (_pending)
            {
                _pending.Add((request, done));
                start = !_flushing;
                _flushing = true;
            }
            if (start)
            {
                _ = FlushAsync();
            }
            return done.Task;
        }

        private async Task FlushAsync()
        {
            while (true)
            {
                List<(SettleRequest Request, TaskCompletionSource<bool> Done)> batch;
                lock (_pending)
                {
                    if (_pending.Count == 0)
                    {
                        _flushing = false;
                        return;
                    }
                    int take = Math.Min(_pending.Count, MaxBatch);
                    batch = _pending.GetRange(0, take);
                    _pending.RemoveRange(0, take);
                }
                try
                {
                    var settled = await schedule.SettleBatchAsync(partition, batch.ConvertAll(b => b.Request)).ConfigureAwait(false);
                    for (int i = 0; i < batch.Count; i++)
                    {
                        if (settled[i] is { } result)
                        {
                            batch[i].Done.SetResult(result);
                        }
                        else
                        {
                            batch[i].Done.SetException(new RedisException(
                                $"the store could not settle delivery {batch[i].Request.Delivery.DeliveryId}: its schedule record is unreadable"));
                        }
                    }
                }
                catch (Exception ex)
                {
                    // Each caller handles a failed settle as before: the claim expires and the delivery is due again.
                    foreach (var (_, done) in batch)
                    {
                        done.SetException(ex);
                    }
                }
            }
        }
    }
}
