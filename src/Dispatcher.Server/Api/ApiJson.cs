using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.Server.Api;

/// <summary>The REST API's JSON conventions: camelCase, nulls left out.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
