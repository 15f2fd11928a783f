using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.Core.Deliveries;

/// <summary>
/// The delivery log's entry serializer, generated at compile time: an entry is written for every
/// attempt, and the reflection serializer's first-use and per-call costs showed in the profile.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeliveryLogEntry))]
public sealed partial class DeliveryLogJson : JsonSerializerContext;
