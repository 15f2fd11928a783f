using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// Puts <see cref="ApiExamples"/> (or an <see cref="OperationExample"/> in the endpoint's metadata) on
/// each operation's request body and answers, serialised with the
/// API's own JSON options, and the shared error example on every error answer that has none of its own.
/// </summary>
public sealed class ExampleTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        string? id = operation.OperationId;
        if (id is not null && id.EndsWith(ApiPathAlias.NameSuffix, StringComparison.Ordinal))
        {
            id = id[..^ApiPathAlias.NameSuffix.Length];
        }
        // An endpoint mapped outside the API's folder (the dashboard's portal links) carries its own.
        var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationExample>().FirstOrDefault()
            ?? (id is null ? null : ApiExamples.ByOperation.GetValueOrDefault(id));
        if (example?.Request is { } request && operation.RequestBody?.Content?.TryGetValue(Json, out var body) == true)
        {
            body.Example = ToNode(request);
        }
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response.Content?.TryGetValue(Json, out var content) != true || !int.TryParse(status, out int code))
            {
                continue;
            }
            if (example?.Responses.GetValueOrDefault(code) is { } specific)
            {
                content!.Example = ToNode(specific);
            }
            else if (ApiExamples.Errors.GetValueOrDefault(code) is { } error)
            {
                content!.Example = ToNode(error);
            }
        }
        return Task.CompletedTask;
    }

    private static JsonNode? ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), ApiJson.Options);
}
