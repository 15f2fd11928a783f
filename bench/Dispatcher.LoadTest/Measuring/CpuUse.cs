namespace Dispatcher.LoadTest.Measuring;

/// <summary>Cores used on average during a phase, per process; <see cref="Others"/> is the machine's busy time left over.</summary>
public sealed record CpuUse(double Seconds, double Dispatcher, double Redis, double Harness, double Others, int Cores);
