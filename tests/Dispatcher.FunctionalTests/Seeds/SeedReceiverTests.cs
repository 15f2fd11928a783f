using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Seeds;

/// <summary>
/// Receivers written from each seed document (seed-receivers.mjs in Node, georedir-receiver.py in
/// Python: the docs' own header parsing, signing input and comparison) accept real deliveries of
/// payloads chosen to break naive JSON handling.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class SeedReceiverTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["cd4cd"] = "cd4cd_secret_0123456789",
        ["snip"] = "snip_secret_0123456789",
        ["georedir"] = "georedir_secret_0123456789",
        ["awsys"] = "awsys_secret_0123456789",
        ["elido"] = "elido_secret_0123456789",
        ["standard-webhooks"] = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    };

    /// <summary>Each format's own name for the catalogue's link.clicked.</summary>
    private static readonly Dictionary<string, string> ClickName = new()
    {
        ["cd4cd"] = "link.clicked",
        ["snip"] = "url.clicked",
        ["georedir"] = "click",
        ["awsys"] = "link.click",
        ["elido"] = "link.clicked",
        ["standard-webhooks"] = "link.clicked",
    };

    private static readonly string[] Payloads =
    [
        """{"text":"مرحبا بالعالم — 日本語 — café — Ωμέγα"}""",
        """{"html":"<script>alert('x')</script> & \"quoted\" </a><!--","url":"https://example.com/?a=1&b=<2>"}""",
        """{"emoji":"😀🚀👩‍👩‍👧🇸🇦","escaped":"\ud83d\ude00 \u00e9 \/ \u2028\u2029"}""",
        """{"controls":"\u0000\u0001\b\f\n\r\t\u001f\u007f","backslash":"C:\\path\\"}""",
        """{"big":9007199254740991,"negative":-123456789012,"count":2432232314,"zero":-0,"exp":1E3}""",
        """{"price":19.99,"revenue":50.00,"tiny":1e-7,"huge":1.5e300,"tenth":0.1,"third":0.3333333333333333}""",
        """{ "spaced" : [ 1 , 2.50 , { "2" : "b" , "1" : "a" , "k" : null } ] , "dup" : 1 , "dup" : 2 , "flags" : [true,false] }""",
        """{"lone":"\ud800 and \udc00"}""",
    ];

    [Fact]
    public async Task A_receiver_written_from_each_seed_doc_accepts_every_delivery()
    {
        await using var node = await ScriptReceiver.StartAsync("node", "seed-receivers.mjs",
            new Dictionary<string, string> { ["SEED_SECRETS"] = JsonSerializer.Serialize(Secrets) }, output);
        await using var python = await ScriptReceiver.StartAsync("python3", "georedir-receiver.py",
            new Dictionary<string, string> { ["GEOREDIR_WEBHOOK_SECRET"] = Secrets["georedir"] }, output);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        foreach (var (format, secret) in Secrets)
        {
            await CreateAsync(api, format, $"http://127.0.0.1:{node.Port}/{format}", secret);
        }
        await CreateAsync(api, "georedir", $"http://127.0.0.1:{python.Port}/georedir", Secrets["georedir"]);

        await using var publisher = server.Publisher();
        for (int i = 0; i < Payloads.Length; i++)
        {
            var result = await publisher.PublishAsync(DispatcherTestServer.Workspace, "link.clicked", $"evt_seed_{i}", System.Text.Encoding.UTF8.GetBytes(Payloads[i]));
            Assert.Equal(PublishStatus.Accepted, result.Status);
        }

        await node.WaitForAsync(Secrets.Count * Payloads.Length);
        await python.WaitForAsync(Payloads.Length);
        var requests = node.Requests.Concat(python.Requests).ToList();
        Assert.All(requests, r => Assert.True(r.GetProperty("valid").GetBoolean(), $"{r.GetProperty("format")} refused {r.GetProperty("body")}"));
        foreach (var request in requests)
        {
            string format = request.GetProperty("format").GetString()!.Replace("-python", "", StringComparison.Ordinal);
            var body = request.GetProperty("body");
            string name = format == "cd4cd" || format == "elido" || format == "standard-webhooks"
                ? body.GetProperty("type").GetString()!
                : body.GetProperty("event").GetString()!;
            Assert.Equal(ClickName[format], name);
            AssertDataUnchanged(body.GetProperty("data"));
        }
    }

    [Fact]
    public async Task Formats_without_an_id_field_carry_the_event_id_in_a_header_that_stays_the_same_on_retries()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: time);
        var api = server.Api();
        await CreateAsync(api, "awsys", receiver.Url().ToString(), Secrets["awsys"]);

        await using var publisher = server.Publisher();
        await publisher.PublishAsync(DispatcherTestServer.Workspace, "link.clicked", "evt_header_1", System.Text.Encoding.UTF8.GetBytes(TestEvents.ClickData));
        var first = await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled", 1);
        time.Advance(TimeSpan.FromSeconds(40)); // AWSYS.CO's first retry: 30 s (+ up to 10% jitter)
        var second = await receiver.NextAsync();

        Assert.Equal("evt_header_1", first.Header("X-Awsys-Event-Id"));
        Assert.Equal("evt_header_1", second.Header("X-Awsys-Event-Id"));
    }

    private static void AssertDataUnchanged(JsonElement data)
    {
        // What each receiver parsed equals what the producer published, value for value.
        string raw = data.GetRawText();
        if (raw.Contains("\\ud800", StringComparison.OrdinalIgnoreCase))
        {
            return; // a lone surrogate: verified above, but not comparable as .NET text
        }
        // A repeated key (last one wins in JavaScript) cannot be loaded into a JsonNode to compare.
        Assert.Contains(Payloads.Where(p => !p.Contains("\"dup\"", StringComparison.Ordinal)).Append("""{"spaced":[1,2.5,{"1":"a","2":"b","k":null}],"dup":2,"flags":[true,false]}"""),
            p => JsonNode.DeepEquals(JsonNode.Parse(p), JsonNode.Parse(raw)));
    }

    private static async Task CreateAsync(HttpClient api, string format, string endpoint, string secret)
    {
        var (status, body) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint, format, secret, events = new[] { ClickName[format] } });
        Assert.True(status == HttpStatusCode.Created, $"{format}: {status} {body}");
        Assert.Equal(format, body.GetProperty("format").GetString());
        Assert.Equal(ClickName[format], body.GetProperty("events")[0].GetString());
    }
}
