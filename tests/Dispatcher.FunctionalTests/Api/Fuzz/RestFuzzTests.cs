using System.Diagnostics;
using System.Net.Http.Headers;
using Dispatcher.Testing;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>
/// A seeded fuzz pass over every REST route: at least a thousand malformed requests each (bodies,
/// headers, ids, query strings) against one real server and Redis. No answer may be a 5xx, the
/// server may log no error, a route that writes must refuse every one of them, and Redis must hold
/// exactly what it held before. Set <c>DISPATCHER_FUZZ_SEED</c> to replay a failure's seed.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class RestFuzzTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int RequestsPerRoute = 1_000;

    [Theory]
    [MemberData(nameof(FuzzRoutes.Names), MemberType = typeof(FuzzRoutes))]
    public async Task A_route_answers_malformed_requests_without_5xx_errors_or_writes(string routeName)
    {
        var route = FuzzRoutes.All.Single(r => r.Name == routeName);
        int seed = Environment.GetEnvironmentVariable("DISPATCHER_FUZZ_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"route {route.Name}, seed {seed} (DISPATCHER_FUZZ_SEED={seed} replays it)");
        await using var server = await DispatcherTestServer.StartAsync(redis, null);
        var own = await server.Api().CreateWebhookAsync(new Uri("http://127.0.0.1:9/hook"), "link.clicked");
        var foreign = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(new Uri("http://127.0.0.1:9/hook"), "link.clicked");
        var targets = new FuzzTargets(own.Id, foreign.Id);
        using var client = new HttpClient { BaseAddress = server.Http, Timeout = TimeSpan.FromSeconds(15) };
        var before = Stable(await RedisDump.AllAsync(redis, server.Prefix));

        var random = new Random(seed);
        var findings = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < RequestsPerRoute && findings.Count < 10; i++)
        {
            var request = route.Generate(random, targets);
            int status = await SendAsync(client, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                findings.Add($"#{i} answered {status}: {request}");
            }
            else if (route.Writes && status is >= 200 and < 300)
            {
                findings.Add($"#{i} was accepted ({status}) though malformed: {request}");
            }
        }
        output.WriteLine($"{RequestsPerRoute} requests in {clock.ElapsedMilliseconds} ms; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");

        findings.AddRange(server.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"server logged {e.Level} {e.Category}[{e.Id.Name}]: {e.Message}"));
        var after = Stable(await RedisDump.AllAsync(redis, server.Prefix));
        findings.AddRange(after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => $"Redis key {kv.Key} was written"));
        findings.AddRange(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => $"Redis key {k} was deleted"));
        Assert.True(findings.Count == 0, $"{route.Name} with seed {seed} (DISPATCHER_FUZZ_SEED={seed}):\n{string.Join("\n", findings.Take(10))}");
    }

    private static async Task<int> SendAsync(HttpClient client, FuzzRequest fuzz)
    {
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            }
        }
        foreach (var (name, value) in fuzz.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        // Read to the end: a server that fails mid-body must show up here, not pass as a status line.
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    /// <summary>
    /// The dump without what the server rewrites on its own clock (membership heartbeats, lease renewals),
    /// which no request causes.
    /// </summary>
    private static Dictionary<string, string> Stable(SortedDictionary<string, string> dump) =>
        dump.Where(kv => !kv.Key.EndsWith(":members", StringComparison.Ordinal)
                && !kv.Key.EndsWith(":lease", StringComparison.Ordinal)
                && !kv.Key.EndsWith(":epoch", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
