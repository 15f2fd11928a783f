using System.Text.Json;

namespace Dispatcher.LoadTest.Tests;

/// <summary>
/// The shape of the figures issue 14 added to the report (backlog, scenario 1 with fsync always,
/// per-core, three instances, durability): present, non-zero, complete, no endpoint over its
/// bound. Never a time or a rate against a target: those are the benchmark's to report.
/// </summary>
public static class ScaleFiguresShape
{
    public static void AssertDurability(JsonElement root)
    {
        Assert.Equal("everysec", root.GetProperty("durability").GetProperty("appendFsync").GetString());
        Assert.Equal("always", root.GetProperty("strictDurability").GetProperty("appendFsync").GetString());
        Assert.Equal(0, root.GetProperty("durability").GetProperty("waitForReplicas").GetInt32());
    }

    public static void AssertBacklog(JsonElement backlog)
    {
        int events = backlog.GetProperty("events").GetInt32();
        Assert.Equal(backlog.GetProperty("endpoints").GetInt32() * backlog.GetProperty("perEndpoint").GetInt32(), events);
        Assert.Equal(events, backlog.GetProperty("queued").GetInt64());
        Assert.True(backlog.GetProperty("complete").GetBoolean(), "the whole backlog should drain");
        Assert.Equal(events, backlog.GetProperty("delivered").GetInt64());
        foreach (string positive in new[] { "peakRssQueuedBytes", "peakRssDrainBytes", "redisBytesQueued", "redisBytesPerQueuedDelivery",
            "enqueueAckedPerSecond", "drainPerSecond", "capPerSecond", "drainToCap", "steadyDrainPerSecond", "maxInAnySecond" })
        {
            Assert.True(backlog.GetProperty(positive).GetDouble() > 0, $"backlog.{positive} should be above 0");
        }
        Assert.True(backlog.GetProperty("redisBytesQueued").GetInt64() > backlog.GetProperty("redisBytesBefore").GetInt64(), "queuing should grow Redis");
        Assert.Equal(0, backlog.GetProperty("endpointsOverBound").GetInt32());
        Assert.NotEmpty(backlog.GetProperty("drainPerSecondSeries").EnumerateArray());
    }

    public static void AssertStrictThroughput(JsonElement strict)
    {
        Assert.True(strict.GetProperty("complete").GetBoolean(), "every event of scenario 1 with fsync always should arrive");
        Assert.Equal(strict.GetProperty("events").GetInt32(), strict.GetProperty("delivered").GetInt64());
        Assert.True(strict.GetProperty("deliveredPerSecond").GetDouble() > 0);
        Assert.Equal(0, strict.GetProperty("endpointsOverBound").GetInt32());
    }

    public static void AssertPerCore(JsonElement perCore)
    {
        Assert.True(perCore.GetProperty("deliveredPerSecond").GetDouble() > 0);
        // CPU is read from /proc in 10 ms ticks: on a short quick phase a side can read 0, so null is allowed, never 0 or negative.
        foreach (string side in new[] { "perDispatcherCore", "perRedisCore" })
        {
            var value = perCore.GetProperty(side);
            Assert.True(value.ValueKind == JsonValueKind.Null || value.GetDouble() > 0, side);
        }
    }

    public static void AssertInstances(JsonElement instances)
    {
        foreach (var (side, count) in new[] { ("one", 1), ("three", 3) })
        {
            var run = instances.GetProperty(side);
            Assert.Equal(count, run.GetProperty("instances").GetInt32());
            Assert.True(run.GetProperty("complete").GetBoolean(), $"every event through {side} should arrive");
            Assert.Equal(instances.GetProperty("events").GetInt32(), run.GetProperty("delivered").GetInt64());
            Assert.True(run.GetProperty("deliveredPerSecond").GetDouble() > 0);
            Assert.Equal(0, run.GetProperty("endpointsOverBound").GetInt32());
        }
        Assert.True(instances.GetProperty("threeToOne").GetDouble() > 0);
    }
}
