using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher deliveries event &lt;event-id&gt;</c>: every webhook of the workspace an event went to, and each attempt.</summary>
internal static class DeliveryEventCommand
{
    public static Command Build()
    {
        var eventId = new Argument<string>("event") { Description = "the event's id, as the producer published it (may hold '/')" };
        var command = new Command("event", "which of your webhooks an event went to, and each attempt") { eventId };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            string id = call.Parse.GetRequiredValue(eventId);
            string text = await call.Api.GetAsync($"/v1/events/{Uri.EscapeDataString(id)}/deliveries", ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = new Table("WEBHOOK", "ENDPOINT", "DELIVERY", "TIME", "ATTEMPT", "OUTCOME", "STATUS");
            using var json = JsonDocument.Parse(text);
            foreach (var delivery in json.RootElement.GetProperty("data").EnumerateArray())
            {
                string webhook = WebhookCommands.Str(delivery, "webhookId") ?? "-";
                string endpoint = WebhookCommands.Str(delivery, "endpoint") ?? "-";
                string deliveryId = WebhookCommands.Str(delivery, "deliveryId") ?? "-";
                if (delivery.GetProperty("queued").GetBoolean())
                {
                    // Nothing logged for what is still to come: its own row, above the attempts made.
                    table.Add(webhook, endpoint, deliveryId, "-", "-", "queued", "-");
                }
                foreach (var attempt in delivery.GetProperty("attempts").EnumerateArray())
                {
                    table.Add(webhook, endpoint, deliveryId, DeliveryTable.Time(attempt),
                        attempt.GetProperty("attempt").GetInt32().ToString(CultureInfo.InvariantCulture),
                        WebhookCommands.Str(attempt, "outcome"), DeliveryTable.Status(attempt));
                }
            }
            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }
}
