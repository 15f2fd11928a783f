using Dispatcher.Core.Webhooks;
using Dispatcher.Server.Api.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// A webhook's custom <c>headers</c>. Create reads them as a raw <c>JsonElement</c>, checked by hand
/// (<see cref="CustomHeaderRules"/>), which the generator can only call "any JSON": here they are the
/// object of string values they must be. Answers show each name with the value <c>[redacted]</c>.
/// </summary>
public sealed class CustomHeadersSchemaTransformer : IOpenApiSchemaTransformer
{
    public const string Property = "headers";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Properties is null || !schema.Properties.ContainsKey(Property))
        {
            return Task.CompletedTask;
        }
        if (type == typeof(CreateWebhookRequest) || type == typeof(WebhookPatchBody))
        {
            schema.Properties[Property] = Headers(
                JsonSchemaType.Object | JsonSchemaType.Null,
                new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = CustomHeaderRules.MaxValueLength },
                "Optional: headers sent on every delivery of the webhook, after the format's own, e.g. `{\"Authorization\": \"Bearer …\"}`. " +
                $"At most {CustomHeaderRules.MaxCount}; names are HTTP tokens of at most {CustomHeaderRules.MaxNameLength} characters, not one the " +
                "format or the connection sets (`RESERVED_HEADER`); values printable ASCII, not padded, at most " +
                $"{CustomHeaderRules.MaxValueLength} characters; {CustomHeaderRules.MaxTotalLength} characters of names and values together. " +
                "On PATCH the set is replaced whole; `null` or `{}` removes it. Values are never shown again.");
        }
        else if (type == typeof(WebhookResponse))
        {
            // Left out of the answer when there are none, never null.
            schema.Properties[Property] = Headers(
                JsonSchemaType.Object,
                new OpenApiSchema { Type = JsonSchemaType.String, Const = CustomHeaderRedaction.Value },
                "The webhook's custom headers by name, each value `[redacted]`; absent when it has none.");
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema Headers(JsonSchemaType type, OpenApiSchema value, string description) => new()
    {
        Type = type,
        AdditionalProperties = value,
        MaxProperties = CustomHeaderRules.MaxCount,
        PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", MaxLength = CustomHeaderRules.MaxNameLength },
        Description = description,
    };
}
