using System.Globalization;
using System.Text.Json;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary>The delivery log's attempts as table rows, shared by <c>deliveries list</c>, <c>tail</c> and <c>event</c>.</summary>
internal static class DeliveryTable
{
    public static Table New() => new("TIME", "DELIVERY", "EVENT", "TYPE", "ATTEMPT", "OUTCOME", "STATUS", "LATENCY");

    public static void AddRow(Table table, JsonElement attempt) => table.Add(Cells(attempt));

    /// <summary>One attempt's cells, in the order of <see cref="New"/>.</summary>
    public static string[] Cells(JsonElement attempt)
    {
        double latency = attempt.TryGetProperty("latencyMs", out var ms) ? ms.GetDouble() : 0;
        return
        [
            Time(attempt),
            WebhookCommands.Str(attempt, "deliveryId") ?? "-",
            WebhookCommands.Str(attempt, "eventId") ?? "-",
            WebhookCommands.Str(attempt, "eventType") ?? "-",
            attempt.TryGetProperty("attempt", out var n) ? n.GetInt32().ToString(CultureInfo.InvariantCulture) : "-",
            WebhookCommands.Str(attempt, "outcome") ?? "-",
            Status(attempt),
            $"{latency.ToString("0", CultureInfo.InvariantCulture)} ms",
        ];
    }

    /// <summary>The HTTP status, else the error (a connect error, a timeout), else "-".</summary>
    public static string Status(JsonElement attempt) =>
        attempt.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number
            ? code.GetInt32().ToString(CultureInfo.InvariantCulture)
            : WebhookCommands.Str(attempt, "error") ?? "-";

    public static string Time(JsonElement attempt) =>
        attempt.TryGetProperty("at", out var at) ? at.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";
}
