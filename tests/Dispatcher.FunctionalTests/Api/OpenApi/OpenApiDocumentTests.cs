using System.Net;
using System.Text.Json.Nodes;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// The OpenAPI document at /openapi/v1.json against the running server: every mapped route is in it,
/// every example in it validates against its schema, and docs/openapi.json is what it generates.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class OpenApiDocumentTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_document_is_openapi_3_1_and_served_without_a_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var anonymous = new HttpClient { BaseAddress = server.Http };

        using var response = await anonymous.GetAsync(ApiContractRegistration.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(document["servers"]);
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes[ApiSecuritySchemes.Bearer]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-API-Key", schemes[ApiSecuritySchemes.ApiKeyHeader]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_route_the_server_maps_is_in_the_document()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var document = await FetchAsync(server);

        var mapped = RouteInventory.Mapped(server.Services);
        output.WriteLine(string.Join("\n", mapped));

        Assert.Contains("POST /v1/webhooks", mapped);
        Assert.Contains("GET /v1/events/{id}", mapped);
        var missing = RouteInventory.Missing(mapped, document);
        Assert.True(missing.Count == 0, "mapped but not in the document:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task A_route_missing_from_the_document_is_reported()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var document = await FetchAsync(server);
        document["paths"]!.AsObject().Remove("/v1/webhooks/{id}/recover");

        var missing = RouteInventory.Missing(RouteInventory.Mapped(server.Services), document);

        Assert.Equal(["POST /v1/webhooks/{id}/recover"], missing);
    }

    [Fact]
    public async Task Every_operation_names_declared_schemes_and_the_customer_routes_take_a_bearer_or_x_api_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var document = await FetchAsync(server);
        var declared = document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).ToHashSet();
        string[] customer = ["/v1/webhooks", "/api/webhooks", "/v1/event"];

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var schemes = (operation!["security"] as JsonArray ?? []).SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList();
                Assert.True(schemes.Count > 0 && schemes.All(declared.Contains), $"{method} {path}: security [{string.Join(", ", schemes)}]");
                Assert.True(operation["responses"]?["401"] is not null, $"{method} {path} does not document 401");
                if (customer.Any(c => path.StartsWith(c, StringComparison.Ordinal)))
                {
                    Assert.Equal([ApiSecuritySchemes.Bearer, ApiSecuritySchemes.ApiKeyHeader], schemes);
                }
            }
        }
    }

    [Fact]
    public async Task Every_example_validates_against_its_schema()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var schemas = new ContractSchemas(await FetchAsync(server));

        var (count, problems) = ExampleCheck.Run(schemas);

        output.WriteLine($"{count} examples checked");
        Assert.True(count >= 50, $"only {count} examples in the document");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task An_example_that_breaks_its_schema_is_reported()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var document = await FetchAsync(server);
        var created = document["paths"]!["/v1/webhooks"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["example"]!.AsObject();
        created["createdAt"] = "yesterday";
        created.Remove("id");
        var outcome = document["paths"]!["/v1/webhooks/{id}/deliveries"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!["data"]![0]!.AsObject();
        outcome["outcome"] = "delivered";

        var (_, problems) = ExampleCheck.Run(new ContractSchemas(document));

        var post = Assert.Single(problems, p => p.StartsWith("#/paths/~1v1~1webhooks/post/responses/201/", StringComparison.Ordinal));
        Assert.Contains("createdAt", post, StringComparison.Ordinal);
        Assert.Contains("id", post, StringComparison.Ordinal);
        Assert.Single(problems, p => p.StartsWith("#/paths/~1v1~1webhooks~1{id}~1deliveries/get/responses/200/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_registered_example_lands_on_its_operation()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var document = await FetchAsync(server);
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value!.AsObject()))
            .ToDictionary(o => o["operationId"]!.GetValue<string>());

        foreach (var (id, example) in ApiExamples.ByOperation)
        {
            Assert.True(operations.TryGetValue(id, out var operation), $"examples for '{id}', which is no operation");
            if (example.Request is not null)
            {
                Assert.True(operation["requestBody"]?["content"]?["application/json"]?["example"] is not null, $"{id}: request example not shown");
            }
            foreach (int status in example.Responses.Keys)
            {
                Assert.True(operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/json"]?["example"] is not null,
                    $"{id}: example for {status}, which the operation does not document");
            }
        }
    }

    [Fact]
    public async Task The_committed_copy_matches_what_the_server_generates()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var generated = await FetchAsync(server);

        if (CommittedDocument.Updating)
        {
            await File.WriteAllTextAsync(CommittedDocument.Path, CommittedDocument.Format(generated));
            output.WriteLine($"wrote {CommittedDocument.Path}");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedDocument.Path));
        Assert.True(JsonNode.DeepEquals(committed, generated),
            $"docs/openapi.json differs from what the server generates; regenerate it with:\n  {CommittedDocument.RegenerateCommand}");
    }

    private static async Task<JsonObject> FetchAsync(DispatcherTestServer server)
    {
        using var anonymous = new HttpClient { BaseAddress = server.Http };
        return JsonNode.Parse(await anonymous.GetStringAsync(ApiContractRegistration.DocumentPath))!.AsObject();
    }
}
