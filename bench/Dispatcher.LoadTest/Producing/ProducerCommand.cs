using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dispatcher.LoadTest.Producing;

/// <summary>
/// The producer process: publishes a phase's events with the SDK (one gRPC stream, batched), as
/// fast as acknowledgements allow or at a steady rate, and prints one JSON <see cref="ProducerReport"/>.
/// With <c>--acks</c> it also writes each event's ack time (Unix µs, 8 bytes per seq) for latencies.
/// </summary>
public static class ProducerCommand
{
    public const string Verb = "produce";

    /// <summary>Events in flight at once: the SDK's own default window.</summary>
    private const int Window = 10_000;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ProducerArgs.Parse(args);
        using var stop = new CancellationTokenSource(Deadline);
        long[] acks = new long[options.Count];
        long[] sent = new long[options.Count];
        long accepted = 0, duplicate = 0, rejected = 0, failed = 0, lastAck = 0;
        using var window = new SemaphoreSlim(Window, Window);
        await using (var publisher = new DispatcherPublisher(new PublisherOptions { Address = options.Grpc, ProducerKey = DispatcherServer.ProducerKey }))
        {
            var pending = new List<Task>(options.Count);
            long first = Clock.NowMicros();
            for (int seq = options.Shard; seq < options.Count; seq += options.Shards)
            {
                await PaceAsync(options.RatePerSecond, first, seq, stop.Token);
                await window.WaitAsync(stop.Token);
                int endpoint = Routing.EndpointOf(seq, options.Endpoints);
                long sentAt = Clock.NowMicros();
                sent[seq] = sentAt;
                var evt = new Event
                {
                    Id = $"{options.Phase}-{seq}",
                    WorkspaceId = Routing.Workspace(options.WorkspacePrefix, endpoint),
                    Type = Routing.Type(endpoint),
                    CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    Data = ByteString.CopyFrom(EventData.Create(seq, sentAt)),
                };
                int index = seq;
                pending.Add(publisher.PublishAsync(evt, stop.Token).ContinueWith(t =>
                {
                    window.Release();
                    long now = Clock.NowMicros();
                    if (t.IsCompletedSuccessfully)
                    {
                        acks[index] = now;
                        if (t.Result.Status == PublishStatus.Accepted)
                        {
                            Interlocked.Increment(ref accepted);
                        }
                        else if (t.Result.Status == PublishStatus.Duplicate)
                        {
                            Interlocked.Increment(ref duplicate);
                        }
                        else
                        {
                            Interlocked.Increment(ref rejected);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                    InterlockedMax(ref lastAck, now);
                }, TaskScheduler.Default));
            }
            await Task.WhenAll(pending).WaitAsync(stop.Token);
            long[] publishToAck = [.. Enumerable.Range(0, options.Count).Where(i => acks[i] > 0).Select(i => acks[i] - sent[i]).Order()];
            var report = new ProducerReport(accepted, duplicate, rejected, failed, first, lastAck,
                Stats.Percentile(publishToAck, 50) / 1000.0, Stats.Percentile(publishToAck, 99) / 1000.0);
            if (options.AcksFile is not null)
            {
                await File.WriteAllBytesAsync(options.AcksFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(acks.AsSpan()).ToArray(), stop.Token);
            }
            Console.WriteLine(JsonSerializer.Serialize(report));
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>At a steady rate, waits until event <paramref name="seq"/> is due; at rate 0, never waits.</summary>
    private static async Task PaceAsync(double rate, long startMicros, int seq, CancellationToken token)
    {
        if (rate <= 0)
        {
            return;
        }
        long due = startMicros + (long)(seq * 1e6 / rate);
        long ahead = due - Clock.NowMicros();
        if (ahead >= 1_000)
        {
            await Task.Delay(TimeSpan.FromMicroseconds(ahead), token);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }
}
