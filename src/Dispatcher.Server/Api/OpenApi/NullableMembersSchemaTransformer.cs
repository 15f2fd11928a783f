using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// Two things the generator says about the API's JSON that its writer (<see cref="ApiJson"/>) does not do:
/// it requires every constructor parameter, but a null member is left out of an answer, so a member
/// that may be null may be absent (unless it is marked <c>JsonIgnore(Never)</c>, as <c>nextCursor</c> is);
/// and it types numbers as "number or numeric string", but numbers are always written as numbers.
/// </summary>
public sealed class NullableMembersSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null)
        {
            return Task.CompletedTask;
        }
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            bool alwaysWritten = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) == true;
            bool mayBeNull = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (schema.Properties.TryGetValue(property.Name, out var member) && AdmitsNull(member));
            if (!alwaysWritten && mayBeNull)
            {
                required.Remove(property.Name);
            }
        }
        return Task.CompletedTask;
    }

    private static bool AdmitsNull(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true
        || schema.OneOf?.Any(s => s.Type == JsonSchemaType.Null) == true;
}
