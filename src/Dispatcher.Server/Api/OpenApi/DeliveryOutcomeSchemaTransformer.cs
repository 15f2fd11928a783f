using System.Text.Json.Nodes;
using Dispatcher.Core.Deliveries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// <see cref="DeliveryOutcome"/> is written by its own converter as its wire name, which the schema
/// generator cannot see: it is described here as the string enum it is on the wire.
/// </summary>
public sealed class DeliveryOutcomeSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(DeliveryOutcome))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = DeliveryOutcomes.All.Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        }
        return Task.CompletedTask;
    }
}
