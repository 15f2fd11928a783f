using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.Redis.Directory;

/// <summary>How directory records are written into their hashes: camelCase JSON, enums by name.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeWorkspace))]
[JsonSerializable(typeof(RuntimeKey))]
public sealed partial class DirectoryJson : JsonSerializerContext;
