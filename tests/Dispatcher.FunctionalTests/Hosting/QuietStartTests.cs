using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Hosting;

/// <summary>
/// The first screen of a development start (embedded Garnet, sample keys) as a newcomer sees it: one
/// line per fact, no banner, no line per partition.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class QuietStartTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Partitions = 8; // ServerProcess's partition count

    // Store, addresses, partitions held, membership, key ring, sample keys: six facts, with room for one
    // or two more; the 64 per-partition lines or Garnet's banner alone would overrun it.
    private const int MaxLines = 8;

    [Fact]
    public async Task A_development_start_prints_one_line_per_fact_and_no_banner()
    {
        string dataPath = Path.Combine(Path.GetTempPath(), "dispatcher-quiet-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = await ServerProcess.StartAsync(redis, RedisServerFixture.NewPrefix(), output, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                // No Redis configured: the embedded store, as `dotnet run` on a fresh clone.
                ["ConnectionStrings__Redis"] = "",
                ["Dispatcher__EmbeddedStore__DataPath"] = dataPath,
            }))
            {
                // The facts come from different components in no fixed order (the partitions may be held
                // before the host says it is up): wait for every one, then read the whole screen.
                string held = $"Delivering {Partitions} of {Partitions} partitions";
                string[] facts = [held, "Dispatcher is up", "embedded Garnet store", "dev_api_key", "KeyRingCertificatePath"];
                await server.WaitForOutputAsync(
                    lines => facts.All(fact => lines.Any(l => l.Contains(fact, StringComparison.Ordinal))),
                    TimeSpan.FromSeconds(30), string.Join(", ", facts.Select(f => $"\"{f}\"")));
                var lines = server.Lines.ToList();

                Assert.True(lines.Count <= MaxLines, $"{lines.Count} lines at start, at most {MaxLines} expected:\n{string.Join('\n', lines)}");
                Assert.Single(lines, l => l.Contains("Dispatcher is up", StringComparison.Ordinal));
                Assert.Single(lines, l => l.Contains("embedded Garnet store", StringComparison.Ordinal) && l.Contains(dataPath, StringComparison.Ordinal));
                Assert.Single(lines, l => l.Contains("dev_api_key", StringComparison.Ordinal));
                Assert.Single(lines, l => l.Contains("KeyRingCertificatePath", StringComparison.Ordinal));
                // Garnet's banner names itself; only our store line may.
                Assert.Single(lines, l => l.Contains("Garnet", StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(lines, l => l.Contains("Delivering partition", StringComparison.Ordinal));
                Assert.DoesNotContain(lines, l => l.Contains("No XML encryptor", StringComparison.Ordinal));
            }
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }
}
