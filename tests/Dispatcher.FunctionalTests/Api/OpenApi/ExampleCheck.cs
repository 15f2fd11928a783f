using System.Text.Json.Nodes;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>Finds every example in a document (next to a schema: media types and parameters) and checks it against that schema.</summary>
public static class ExampleCheck
{
    /// <returns>How many examples were checked, and one line per example that does not validate.</returns>
    public static (int Checked, List<string> Problems) Run(ContractSchemas schemas)
    {
        var problems = new List<string>();
        int count = 0;
        Walk(schemas.Document, "#", (location, schema, example) =>
        {
            count++;
            if (schemas.Problems(schema, example) is { } problem)
            {
                problems.Add($"{location}: {problem}");
            }
        });
        return (count, problems);
    }

    private static void Walk(JsonNode? node, string location, Action<string, JsonNode, JsonNode?> check)
    {
        if (node is JsonObject obj)
        {
            if (obj["schema"] is JsonNode schema)
            {
                if (obj.TryGetPropertyValue("example", out var example))
                {
                    check(location + "/example", schema, example);
                }
                foreach (var (name, named) in obj["examples"] as JsonObject ?? [])
                {
                    check($"{location}/examples/{name}", schema, named?["value"]);
                }
            }
            foreach (var (key, child) in obj)
            {
                Walk(child, $"{location}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}", check);
            }
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Walk(array[i], $"{location}/{i}", check);
            }
        }
    }
}
