using System.Net;
using System.Text;
using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Sdk;

/// <summary>
/// The Node and Python verifiers under <c>sdk/</c>, run as processes on real deliveries from a running
/// server: one webhook per format plus one per format whose secret was rotated, the raw requests
/// captured by a real receiver. Each must accept what was sent and refuse a changed body, a wrong
/// secret and (where a timestamp is signed) a stale one, with the reason.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class SdkVerifierTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly string[] Formats = ["cd4cd", "snip", "georedir", "awsys", "elido", "standard-webhooks"];

    /// <summary>The formats whose header carries a signature per live secret during a rotation.</summary>
    private static readonly HashSet<string> MultiSignature = ["cd4cd", "elido", "standard-webhooks"];

    private static readonly Dictionary<string, string> Click = new()
    {
        ["cd4cd"] = "link.clicked", ["snip"] = "url.clicked", ["georedir"] = "click",
        ["awsys"] = "link.click", ["elido"] = "link.clicked", ["standard-webhooks"] = "link.clicked",
    };

    [Fact]
    public async Task The_node_and_python_verifiers_accept_real_deliveries_of_every_format_and_refuse_tampered_ones()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        foreach (string format in Formats)
        {
            await CreateAsync(api, format, receiver.Url("/" + format), Secret(format, "plain"));
            string rotated = await CreateAsync(api, format, receiver.Url($"/{format}/rotated"), Secret(format, "old"));
            var (status, body) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{rotated}/rotate-secret", new { secret = Secret(format, "new") });
            Assert.True(status == HttpStatusCode.OK, $"{format} rotate: {status} {body}");
        }
        await using var publisher = server.Publisher();
        var published = await publisher.PublishAsync(DispatcherTestServer.Workspace, "link.clicked", "evt_sdk_1",
            Encoding.UTF8.GetBytes("""{"linkId":"lnk_1","text":"café 😀 <b>&</b>","price":50.00}"""));
        Assert.Equal(PublishStatus.Accepted, published.Status);

        var requests = new Dictionary<string, ReceivedRequest>();
        for (int i = 0; i < 2 * Formats.Length; i++)
        {
            var request = await receiver.NextAsync();
            requests[request.Path] = request;
        }

        var cases = Formats.SelectMany(format => CasesFor(format, requests)).ToList();
        string casesFile = Path.Combine(Directory.CreateTempSubdirectory("dispatcher-sdk-").FullName, "cases.json");
        try
        {
            await File.WriteAllTextAsync(casesFile, JsonSerializer.Serialize(cases.Select(c => c.Input)));
            string sdk = SdkProcess.SdkRoot();
            string drivers = Path.Combine(AppContext.BaseDirectory, "Sdk");
            var node = await SdkProcess.RunAsync("node", drivers, output, "verify-cases.js", Path.Combine(sdk, "node"), casesFile);
            var python = await SdkProcess.RunAsync("python3", drivers, output, "verify_cases.py", Path.Combine(sdk, "python"), casesFile);

            foreach (var (language, run) in new[] { ("node", node), ("python", python) })
            {
                Assert.True(run.ExitCode == 0, $"{language} exited {run.ExitCode}: {run.Stderr}");
                var results = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray()
                    .ToDictionary(r => r.GetProperty("name").GetString()!, r => (Ok: r.GetProperty("ok").GetBoolean(), Reason: r.GetProperty("reason").GetString()));
                Assert.Equal(cases.Count, results.Count);
                foreach (var expected in cases)
                {
                    var actual = results[expected.Name];
                    Assert.True((expected.Ok, expected.Reason) == actual,
                        $"{language} {expected.Name}: expected {(expected.Ok ? "ok" : expected.Reason)}, got {(actual.Ok ? "ok" : actual.Reason)}");
                }
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(casesFile)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_sdks_own_unit_tests_pass()
    {
        string sdk = SdkProcess.SdkRoot();
        var node = await SdkProcess.RunAsync("node", Path.Combine(sdk, "node"), output, "--test");
        var python = await SdkProcess.RunAsync("python3", Path.Combine(sdk, "python"), output, "-m", "unittest");

        Assert.True(node.ExitCode == 0, $"node --test failed:\n{node.Stdout}\n{node.Stderr}");
        Assert.Contains("# fail 0", node.Stdout, StringComparison.Ordinal);
        Assert.True(python.ExitCode == 0, $"python3 -m unittest failed:\n{python.Stderr}");
        // unittest reports on stderr; "Ran 0 tests" would also exit 0 on older Pythons.
        Assert.DoesNotContain("Ran 0 tests", python.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<VerifierCase> CasesFor(string format, Dictionary<string, ReceivedRequest> requests)
    {
        var plain = requests[$"/{format}"];
        var rotated = requests[$"/{format}/rotated"];
        string plainSecret = Secret(format, "plain");
        string oldSecret = Secret(format, "old");
        string newSecret = Secret(format, "new");
        bool multi = MultiSignature.Contains(format);

        yield return new(format, "plain", plain, [plainSecret], null, true, null);
        yield return new(format, "rotated, receiver holds old and new", rotated, [oldSecret, newSecret], null, true, null);
        yield return new(format, "rotated, receiver holds the new one", rotated, [newSecret], null, true, null);
        // Single-signature formats switch to the new secret at once (docs/formats.md).
        yield return new(format, "rotated, receiver holds the old one", rotated, [oldSecret], null, multi, multi ? null : "signature_mismatch");
        yield return new(format, "tampered body", plain with { Body = Tamper(plain.Body) }, [plainSecret], null, false, "signature_mismatch");
        yield return new(format, "wrong secret", plain, [Secret(format, "wrong")], null, false, "signature_mismatch");
        // An hour after arrival: a signed timestamp is out of the 5-minute tolerance; formats that sign none cannot tell.
        long anHourLater = plain.ReceivedAt.AddHours(1).ToUnixTimeMilliseconds();
        yield return new(format, "an hour later", plain, [plainSecret], anHourLater, !multi, multi ? "timestamp_out_of_tolerance" : null);
    }

    /// <summary>The same bytes with one digit of the price changed: still valid JSON, no longer what was signed.</summary>
    private static byte[] Tamper(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        Assert.Contains("\"price\":50", text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace("\"price\":50", "\"price\":51", StringComparison.Ordinal));
    }

    /// <summary>A distinct secret per format and role; Standard Webhooks' in its whsec_ shape.</summary>
    private static string Secret(string format, string role) => format == "standard-webhooks"
        ? "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{role}-secret-key-for-sdk-tests!".PadRight(32, '.')))
        : $"{format}_{role}_secret_0123456789";

    private static async Task<string> CreateAsync(HttpClient api, string format, Uri endpoint, string secret)
    {
        var (status, body) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = endpoint.ToString(), format, secret, events = new[] { Click[format] } });
        Assert.True(status == HttpStatusCode.Created, $"{format}: {status} {body}");
        return body.GetProperty("id").GetString()!;
    }
}
