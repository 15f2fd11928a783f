using System.Runtime.InteropServices;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>What the figures were measured on.</summary>
public sealed record MachineFacts(int Cores, string Cpu, string Os, string DotNet, long MemoryBytes, string RedisVersion)
{
    public static MachineFacts Read(string redisVersion) => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        redisVersion);

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
