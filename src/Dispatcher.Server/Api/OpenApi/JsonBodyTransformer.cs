using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>Describes the request body a route declares with <see cref="JsonBodyMetadata"/>, as JSON of that type.</summary>
public sealed class JsonBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().LastOrDefault() is not { } body)
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.Optional,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
