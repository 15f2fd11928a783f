using System.Text.Json.Nodes;
using Dispatcher.Core.Deliveries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>Describes the route and query parameters, which handler signatures name but cannot explain.</summary>
public sealed class ParameterTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["id"] = "The webhook's id (`wh_…`).",
        ["deliveryId"] = "A delivery's id (`dlv_…`) from the delivery log.",
        ["limit"] = "Entries per page, 1 to 500; default 50.",
        ["cursor"] = "The `nextCursor` of the previous page; absent for the first.",
        ["outcome"] = "Only entries with this outcome.",
    };

    private const string EventIdDescription =
        "The event's id, percent-encoded as one path segment (`a/b` as `a%2Fb`, `50%` as `50%25`).";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        bool isEvent = context.Description.RelativePath?.StartsWith("v1/events/", StringComparison.Ordinal) == true;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Description ??= isEvent && parameter.Name == "id" ? EventIdDescription : Descriptions.GetValueOrDefault(parameter.Name ?? "");
            if (parameter.Name == "outcome")
            {
                // A schema of its own: the generator may share one string schema between parameters.
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = DeliveryOutcomes.All.Select(name => (JsonNode)JsonValue.Create(name)).ToList(),
                };
            }
        }
        return Task.CompletedTask;
    }
}
