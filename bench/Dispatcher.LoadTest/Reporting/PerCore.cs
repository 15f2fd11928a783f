using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// Delivered events/s per core each side used (Dispatcher, redis-server), over a phase: the
/// figures the scale model in bench/results/README.md divides a target rate by. Null where a side
/// used no measurable CPU.
/// </summary>
public sealed record PerCore(double DeliveredPerSecond, double DispatcherCores, double RedisCores, double? PerDispatcherCore, double? PerRedisCore)
{
    public static PerCore Of(ThroughputResult t) => Of(t.DeliveredPerSecond, t.Cpu.Dispatcher, t.Cpu.Redis);

    public static PerCore Of(double deliveredPerSecond, double dispatcherCores, double redisCores) => new(
        deliveredPerSecond, dispatcherCores, redisCores,
        dispatcherCores > 0 ? deliveredPerSecond / dispatcherCores : null,
        redisCores > 0 ? deliveredPerSecond / redisCores : null);
}
