using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.Core.Deliveries;

/// <summary>
/// Writes a <see cref="DeliveryOutcome"/> as its wire name, in the API and in the delivery log in
/// Redis alike, so entries written before the enum existed still read.
/// </summary>
internal sealed class DeliveryOutcomeJsonConverter : JsonConverter<DeliveryOutcome>
{
    public override DeliveryOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && DeliveryOutcomes.TryParse(reader.GetString(), out var outcome)
            ? outcome
            : throw new JsonException($"a delivery outcome must be one of: {string.Join(", ", DeliveryOutcomes.All)}");

    public override void Write(Utf8JsonWriter writer, DeliveryOutcome value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWireName());
}
