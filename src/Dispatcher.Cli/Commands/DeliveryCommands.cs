using System.CommandLine;
using System.Text.Json;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher deliveries list|replay|tail|event|recover</c>: the delivery log of one webhook, and of one event.</summary>
public static class DeliveryCommands
{
    public static Command Build()
    {
        var deliveries = new Command("deliveries", "look at, search and replay the delivery log");
        deliveries.Subcommands.Add(List());
        deliveries.Subcommands.Add(Replay());
        deliveries.Subcommands.Add(DeliveryTailCommand.Build());
        deliveries.Subcommands.Add(DeliveryEventCommand.Build());
        deliveries.Subcommands.Add(DeliveryRecoverCommand.Build());
        return deliveries;
    }

    private static Command List()
    {
        var id = WebhookCommands.WebhookId();
        var failed = new Option<bool>("--failed") { Description = "only deliveries that failed their whole schedule (--outcome failed)" };
        var outcome = new Option<string?>("--outcome") { Description = "deliveries whose latest attempt ended so: succeeded, retrying, failed, paused, disabled, expired (comma-separated)" };
        var statusClass = new Option<string?>("--status") { Description = "deliveries whose latest status is of a class: 2xx, 3xx, 4xx, 5xx, none (no HTTP answer); comma-separated" };
        var type = new Option<string?>("--type") { Description = "deliveries of these event types (comma-separated)" };
        var since = new Option<string?>("--since") { Description = "deliveries whose latest attempt is at or after: ISO 8601, or back from now (30m, 2h, 7d)" };
        var until = new Option<string?>("--until") { Description = "deliveries whose latest attempt is before: ISO 8601, or back from now" };
        var cursor = new Option<string?>("--cursor") { Description = "the page after this one (the cursor the previous page printed)" };
        var limit = new Option<int?>("--limit") { Description = "most attempts to show (the API's default when absent)" };
        var command = new Command("list", "the webhook's delivery attempts: newest delivery first, each delivery's attempts together")
        {
            id, failed, outcome, statusClass, type, since, until, cursor, limit,
        };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            var query = new List<(string, string?)>
            {
                ("outcome", call.Parse.GetValue(failed) ? "failed" : call.Parse.GetValue(outcome)),
                ("statusClass", call.Parse.GetValue(statusClass)),
                ("eventType", call.Parse.GetValue(type)),
                ("since", CliTimes.ToApi(call.Parse.GetValue(since), "--since")),
                ("until", CliTimes.ToApi(call.Parse.GetValue(until), "--until")),
                ("cursor", call.Parse.GetValue(cursor)),
                ("limit", call.Parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            string text = await call.Api.GetAsync(LogPath(call.Parse.GetRequiredValue(id), query), ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = DeliveryTable.New();
            using var json = JsonDocument.Parse(text);
            foreach (var attempt in json.RootElement.GetProperty("data").EnumerateArray())
            {
                DeliveryTable.AddRow(table, attempt);
            }
            table.WriteTo(Console.Out);
            if (WebhookCommands.Str(json.RootElement, "nextCursor") is { } next)
            {
                // On stderr: stdout stays the table alone for whoever pipes it.
                await Console.Error.WriteLineAsync($"more: add --cursor {next} (with the same filters) for the next page").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The log's path with the query parameters that have a value, each escaped.</summary>
    internal static string LogPath(string webhookId, IEnumerable<(string Name, string? Value)> query)
    {
        var given = query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return $"{WebhookCommands.PathOf(webhookId)}/deliveries" + (given.Count > 0 ? "?" + string.Join("&", given) : "");
    }

    private static Command Replay()
    {
        var id = WebhookCommands.WebhookId();
        var delivery = new Argument<string>("delivery") { Description = "the delivery's id (from `deliveries list`)" };
        var command = new Command("replay", "send a delivery again now") { id, delivery };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            string deliveryId = call.Parse.GetRequiredValue(delivery);
            string path = $"{WebhookCommands.PathOf(call.Parse.GetRequiredValue(id))}/deliveries/{Uri.EscapeDataString(deliveryId)}/replay";
            string text = await call.Api.PostAsync(path, null, ct).ConfigureAwait(false);
            Console.WriteLine(call.Json ? (text.Length > 0 ? text : "{}") : $"replay of {deliveryId} queued");
            return ExitCodes.Ok;
        });
        return command;
    }
}
