using Dispatcher.Server.Api.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// What create requires, which its settable properties cannot say: <c>events</c>, and the endpoint as
/// either <c>endpoint</c> or <c>url</c> (the seeds use both names).
/// </summary>
public sealed class CreateWebhookSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(CreateWebhookRequest))
        {
            schema.Required = new HashSet<string> { "events" };
            schema.AnyOf = [new OpenApiSchema { Required = new HashSet<string> { "endpoint" } }, new OpenApiSchema { Required = new HashSet<string> { "url" } }];
        }
        return Task.CompletedTask;
    }
}
