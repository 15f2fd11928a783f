using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// Validates JSON against schemas of an OpenAPI 3.1 document (JSON Schema 2020-12, formats checked).
/// A schema is made self-contained: the document's <c>components/schemas</c> become its <c>$defs</c>.
/// </summary>
public sealed class ContractSchemas(JsonObject document)
{
    private const string ComponentsRef = "#/components/schemas/";

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public JsonObject Document { get; } = document;

    /// <summary>Null when <paramref name="instance"/> satisfies <paramref name="schema"/>, else what does not.</summary>
    public string? Problems(JsonNode schema, JsonNode? instance)
    {
        var standalone = schema.DeepClone().AsObject();
        if (Document["components"]?["schemas"] is JsonObject components)
        {
            standalone["$defs"] = components.DeepClone();
        }
        string text = standalone.ToJsonString().Replace($"\"{ComponentsRef}", "\"#/$defs/", StringComparison.Ordinal);
        var built = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://contract.test/{Guid.NewGuid():N}"));
        using var json = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = built.Evaluate(json.RootElement, Options);
        if (result.IsValid)
        {
            return null;
        }
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return string.Join("; ", errors.DefaultIfEmpty("invalid"));
    }

    /// <summary>The schema of an operation's JSON answer for a status, or null when the document has none.</summary>
    public JsonNode? ResponseSchema(string path, string method, int status) =>
        Document["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/json"]?["schema"];
}
