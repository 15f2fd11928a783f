using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// The document tells the truth: real answers of a real server, successes and errors, on every kind of
/// route, have a status the document lists for that operation and a body valid against its schema.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class OpenApiAnswerTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Real_answers_match_the_documented_statuses_and_schemas()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var anonymous = new HttpClient { BaseAddress = server.Http };
        var schemas = new ContractSchemas(JsonNode.Parse(await anonymous.GetStringAsync(ApiContractRegistration.DocumentPath))!.AsObject());
        var api = server.Api();
        var problems = new List<string>();

        Task<JsonNode?> Check(HttpClient client, HttpMethod method, string path, string template, HttpStatusCode expected, string? body = null, string contentType = "application/json") =>
            CheckAsync(schemas, problems, client, method, path, template, expected, body, contentType);

        string create = $$$"""{"endpoint": "{{{receiver.Url("/hook")}}}", "events": ["link.clicked"], "secret": "auto", "rateLimit": {"perSecond": 5, "burst": 2}}""";
        var created = await Check(api, HttpMethod.Post, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.Created, create);
        string id = created!["id"]!.GetValue<string>();
        string hook = $"/v1/webhooks/{id}";
        await Check(api, HttpMethod.Post, "/api/webhooks", "/api/webhooks", HttpStatusCode.BadRequest, """{"url": "https://a.example.com/h", "events": ["click"]}""");
        await Check(api, HttpMethod.Post, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.BadRequest, "{not json");
        await Check(anonymous, HttpMethod.Get, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.Unauthorized);
        await Check(api, HttpMethod.Post, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.UnsupportedMediaType, "{}", "application/json; charset=utf-16");
        await Check(api, HttpMethod.Get, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, "/api/webhooks/" + id, "/api/webhooks/{id}", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, "/v1/webhooks/wh_nope", "/v1/webhooks/{id}", HttpStatusCode.NotFound);
        await Check(api, HttpMethod.Patch, hook, "/v1/webhooks/{id}", HttpStatusCode.OK, """{"retrySchedule": [60, 300], "rateLimit": null}""");
        await Check(api, HttpMethod.Patch, hook, "/v1/webhooks/{id}", HttpStatusCode.BadRequest, """{"evnts": []}""");
        await Check(api, HttpMethod.Post, hook + "/rotate-secret", "/v1/webhooks/{id}/rotate-secret", HttpStatusCode.OK);
        await Check(api, HttpMethod.Post, hook + "/rotate-secret", "/v1/webhooks/{id}/rotate-secret", HttpStatusCode.BadRequest, """{"secret": "short"}""");
        var test = await Check(api, HttpMethod.Post, hook + "/test", "/v1/webhooks/{id}/test", HttpStatusCode.Accepted);
        await receiver.NextAsync();

        var log = await DeliveryLogAsync(api, hook);
        Assert.True(log is not null, "the test event's delivery never reached the delivery log");
        await Check(api, HttpMethod.Get, hook + "/deliveries?limit=10", "/v1/webhooks/{id}/deliveries", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, hook + "/deliveries?outcome=delivered", "/v1/webhooks/{id}/deliveries", HttpStatusCode.BadRequest);
        string deliveryId = log!["data"]![0]!["deliveryId"]!.GetValue<string>();
        await Check(api, HttpMethod.Post, $"{hook}/deliveries/{deliveryId}/replay", "/v1/webhooks/{id}/deliveries/{deliveryId}/replay", HttpStatusCode.Accepted);
        await Check(api, HttpMethod.Post, $"{hook}/deliveries/dlv_nope/replay", "/v1/webhooks/{id}/deliveries/{deliveryId}/replay", HttpStatusCode.NotFound);
        await Check(api, HttpMethod.Post, hook + "/recover", "/v1/webhooks/{id}/recover", HttpStatusCode.Accepted, """{"since": "2020-01-01T00:00:00Z"}""");
        await Check(api, HttpMethod.Post, hook + "/recover", "/v1/webhooks/{id}/recover", HttpStatusCode.BadRequest, "{}");

        await Check(api, HttpMethod.Get, "/v1/event-types", "/v1/event-types", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, "/v1/events/" + test!["id"]!.GetValue<string>(), "/v1/events/{id}", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, "/v1/events/evt_nope", "/v1/events/{id}", HttpStatusCode.NotFound);

        await Check(api, HttpMethod.Post, hook + "/disable", "/v1/webhooks/{id}/disable", HttpStatusCode.OK);
        await Check(api, HttpMethod.Get, hook, "/v1/webhooks/{id}", HttpStatusCode.OK);
        await Check(api, HttpMethod.Post, hook + "/enable", "/v1/webhooks/{id}/enable", HttpStatusCode.OK);
        await Check(api, HttpMethod.Delete, hook, "/v1/webhooks/{id}", HttpStatusCode.NoContent);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_rate_limited_call_answers_as_documented()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Limits:SendCallsPerWindow"] = "1",
        });
        using var anonymous = new HttpClient { BaseAddress = server.Http };
        var schemas = new ContractSchemas(JsonNode.Parse(await anonymous.GetStringAsync(ApiContractRegistration.DocumentPath))!.AsObject());
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/test")).Status);

        var (status, body) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/test");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var schema = schemas.ResponseSchema("/v1/webhooks/{id}/test", "post", 429);
        Assert.NotNull(schema);
        Assert.Null(schemas.Problems(schema, JsonNode.Parse(body.GetRawText())));
    }

    [Fact]
    public async Task Operator_scope_and_search_answers_match_the_documented_statuses_and_schemas()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        using var anonymous = new HttpClient { BaseAddress = server.Http };
        var schemas = new ContractSchemas(JsonNode.Parse(await anonymous.GetStringAsync(ApiContractRegistration.DocumentPath))!.AsObject());
        var admin = server.Operator();
        var problems = new List<string>();

        Task<JsonNode?> Check(HttpClient client, HttpMethod method, string path, string template, HttpStatusCode expected, string? body = null, string contentType = "application/json") =>
            CheckAsync(schemas, problems, client, method, path, template, expected, body, contentType);
        static string Code(JsonNode? answer) => answer?["error"]?["code"]?.GetValue<string>() ?? "(none)";

        const string Workspaces = "/v1/admin/workspaces";
        const string One = Workspaces + "/{id}";
        await Check(admin, HttpMethod.Post, Workspaces, Workspaces, HttpStatusCode.Created, """{"id": "ws_doc", "ownerEmail": "ops@example.com", "maxWebhooks": 5}""");
        await Check(admin, HttpMethod.Post, Workspaces, Workspaces, HttpStatusCode.Conflict, """{"id": "ws_doc"}""");
        await Check(admin, HttpMethod.Post, Workspaces, Workspaces, HttpStatusCode.BadRequest, """{"id": "has space"}""");
        // The body is described for the document only: routing still hands a JSON body of another declared type to the handler.
        await Check(admin, HttpMethod.Post, Workspaces, Workspaces, HttpStatusCode.Created, """{"id": "ws_plain"}""", "text/plain");
        await Check(anonymous, HttpMethod.Get, Workspaces, Workspaces, HttpStatusCode.Unauthorized);
        await Check(server.Api(), HttpMethod.Get, Workspaces, Workspaces, HttpStatusCode.Unauthorized);
        await Check(admin, HttpMethod.Get, Workspaces, Workspaces, HttpStatusCode.OK);
        await Check(admin, HttpMethod.Get, Workspaces + "/ws_doc", One, HttpStatusCode.OK);
        await Check(admin, HttpMethod.Get, Workspaces + "/ws_nope", One, HttpStatusCode.NotFound);

        const string Keys = One + "/keys";
        var read = await Check(admin, HttpMethod.Post, Workspaces + "/ws_doc/keys", Keys, HttpStatusCode.Created, """{"scope": "read"}""");
        var write = await Check(admin, HttpMethod.Post, Workspaces + "/ws_doc/keys", Keys, HttpStatusCode.Created, """{"scope": "write"}""");
        await Check(admin, HttpMethod.Post, Workspaces + "/ws_doc/keys", Keys, HttpStatusCode.BadRequest, """{"scope": "admin"}""");
        await Check(admin, HttpMethod.Post, Workspaces + "/ws_nope/keys", Keys, HttpStatusCode.NotFound, """{"scope": "read"}""");
        await Check(admin, HttpMethod.Get, Workspaces + "/ws_doc/keys", Keys, HttpStatusCode.OK);
        string readId = read!["id"]!.GetValue<string>();
        const string Rotate = Keys + "/{keyId}/rotate";
        var rotated = await Check(admin, HttpMethod.Post, $"{Workspaces}/ws_doc/keys/{readId}/rotate", Rotate, HttpStatusCode.OK, """{"overlapSeconds": 60}""");
        await Check(admin, HttpMethod.Post, $"{Workspaces}/ws_doc/keys/{readId}/rotate", Rotate, HttpStatusCode.Conflict);
        await Check(admin, HttpMethod.Post, $"{Workspaces}/ws_doc/keys/{readId}/rotate", Rotate, HttpStatusCode.BadRequest, """{"overlapSeconds": -1}""");

        // A read key may GET, and nothing else: a 403 the document lists for writes.
        var reader = server.Api(rotated!["key"]!["key"]!.GetValue<string>());
        var writer = server.Api(write!["key"]!.GetValue<string>());
        string create = $$$"""{"endpoint": "{{{receiver.Url("/hook")}}}", "events": ["link.clicked"], "headers": {"X-Tenant": "acme"}}""";
        Assert.Equal("INSUFFICIENT_SCOPE", Code(await Check(reader, HttpMethod.Post, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.Forbidden, create)));
        await Check(reader, HttpMethod.Get, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.OK);
        var created = await Check(writer, HttpMethod.Post, "/v1/webhooks", "/v1/webhooks", HttpStatusCode.Created, create);
        string hook = "/v1/webhooks/" + created!["id"]!.GetValue<string>();
        await Check(writer, HttpMethod.Patch, hook, "/v1/webhooks/{id}", HttpStatusCode.OK, """{"headers": {"Authorization": "Bearer rcv_1", "X-Tenant": "acme"}}""");

        // An event's deliveries, and the log's filters.
        var test = await Check(writer, HttpMethod.Post, hook + "/test", "/v1/webhooks/{id}/test", HttpStatusCode.Accepted);
        const string EventDeliveries = "/v1/events/{id}/deliveries";
        await Check(reader, HttpMethod.Get, $"/v1/events/{test!["id"]!.GetValue<string>()}/deliveries", EventDeliveries, HttpStatusCode.OK);
        await Check(reader, HttpMethod.Get, "/v1/events/evt_nope/deliveries", EventDeliveries, HttpStatusCode.NotFound);
        const string Log = "/v1/webhooks/{id}/deliveries";
        await Check(reader, HttpMethod.Get, hook + "/deliveries?outcome=succeeded,failed&statusClass=2xx,none&eventType=webhook.test&since=2020-01-01T00:00:00Z&until=2100-01-01T00:00:00Z&limit=5",
            Log, HttpStatusCode.OK);
        await Check(reader, HttpMethod.Get, hook + "/deliveries?statusClass=6xx", Log, HttpStatusCode.BadRequest);
        await Check(reader, HttpMethod.Get, hook + "/deliveries?cursor=c1_nonsense", Log, HttpStatusCode.BadRequest);

        // Suspended: the workspace's keys may only read.
        await Check(admin, HttpMethod.Post, Workspaces + "/ws_doc/suspend", One + "/suspend", HttpStatusCode.OK);
        Assert.Equal("WORKSPACE_SUSPENDED", Code(await Check(writer, HttpMethod.Post, hook + "/disable", "/v1/webhooks/{id}/disable", HttpStatusCode.Forbidden)));
        await Check(admin, HttpMethod.Post, Workspaces + "/ws_doc/resume", One + "/resume", HttpStatusCode.OK);
        await Check(admin, HttpMethod.Post, $"{Workspaces}/{DispatcherTestServer.Workspace}/suspend", One + "/suspend", HttpStatusCode.Conflict);

        const string Key = Keys + "/{keyId}";
        string writeId = write["id"]!.GetValue<string>();
        await Check(admin, HttpMethod.Delete, $"{Workspaces}/ws_doc/keys/{writeId}", Key, HttpStatusCode.NoContent);
        await Check(admin, HttpMethod.Delete, $"{Workspaces}/ws_doc/keys/{writeId}", Key, HttpStatusCode.NotFound);
        await Check(admin, HttpMethod.Delete, $"{Workspaces}/{DispatcherTestServer.Workspace}", One, HttpStatusCode.Conflict);
        await Check(admin, HttpMethod.Delete, Workspaces + "/ws_doc", One, HttpStatusCode.OK);
        await Check(admin, HttpMethod.Delete, Workspaces + "/ws_never", One, HttpStatusCode.NotFound);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Sends the call, asserts its status, and adds to <paramref name="problems"/> a status the document does not
    /// list for the operation at <paramref name="template"/>, or a body its schema refuses. Answers the body.
    /// </summary>
    private static async Task<JsonNode?> CheckAsync(
        ContractSchemas schemas, List<string> problems, HttpClient client, HttpMethod method, string path, string template,
        HttpStatusCode expected, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        int status = (int)response.StatusCode;
        var operation = schemas.Document["paths"]?[template]?[method.Method.ToLowerInvariant()];
        if (operation?["responses"]?[status.ToString(CultureInfo.InvariantCulture)] is null)
        {
            problems.Add($"{method} {template}: {status} is not documented");
            return null;
        }
        var answer = text.Length == 0 ? null : JsonNode.Parse(text);
        if (schemas.ResponseSchema(template, method.Method, status) is { } schema && schemas.Problems(schema, answer) is { } problem)
        {
            problems.Add($"{method} {template} {status}: {problem}");
        }
        return answer;
    }

    /// <summary>The delivery log once it holds an entry; polled, as the engine writes it on its own clock (10 s at most).</summary>
    private static async Task<JsonNode?> DeliveryLogAsync(HttpClient api, string hook)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (_, body) = await api.SendJsonAsync(HttpMethod.Get, hook + "/deliveries");
            if (body.GetProperty("data").GetArrayLength() > 0)
            {
                return JsonNode.Parse(body.GetRawText());
            }
            await Task.Delay(50);
        }
        return null;
    }
}
