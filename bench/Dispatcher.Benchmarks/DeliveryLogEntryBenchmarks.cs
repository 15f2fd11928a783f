using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Deliveries;
using Dispatcher.Redis.Deliveries;

namespace Dispatcher.Benchmarks;

/// <summary>
/// The delivery-log entry written for every attempt: the reflection serializer the log used before
/// layout 3 against the source-generated one it uses now, and the stored form (entry + summary line).
/// </summary>
[MemoryDiagnoser]
public class DeliveryLogEntryBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web);
    private DeliveryLogEntry _entry = null!;

    [GlobalSetup]
    public void Setup() => _entry = Payloads.LogEntry();

    [Benchmark(Baseline = true)]
    public byte[] ReflectionSerializer() => JsonSerializer.SerializeToUtf8Bytes(_entry, Reflection);

    [Benchmark]
    public byte[] SourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_entry, DeliveryLogJson.Default.DeliveryLogEntry);

    [Benchmark]
    public LoggedAttempt StoredForm() => LoggedAttempt.Of(_entry);
}
