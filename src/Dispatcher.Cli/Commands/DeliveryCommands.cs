using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher deliveries list|replay|tail</c>: the delivery log of one webhook.</summary>
public static class DeliveryCommands
{
    public static Command Build()
    {
        var deliveries = new Command("deliveries", "look at and replay a webhook's delivery attempts");
        deliveries.Subcommands.Add(List());
        deliveries.Subcommands.Add(Replay());
        deliveries.Subcommands.Add(Tail());
        return deliveries;
    }

    private static Command List()
    {
        var id = WebhookCommands.WebhookId();
        var failed = new Option<bool>("--failed") { Description = "only deliveries that failed their whole schedule" };
        var limit = new Option<int?>("--limit") { Description = "most attempts to show (the API's default when absent)" };
        var command = new Command("list", "the webhook's delivery attempts, newest first") { id, failed, limit };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            var query = new List<string>();
            if (call.Parse.GetValue(failed))
            {
                query.Add("outcome=failed");
            }
            if (call.Parse.GetValue(limit) is { } n)
            {
                query.Add($"limit={n}");
            }
            string path = $"{WebhookCommands.PathOf(call.Parse.GetRequiredValue(id))}/deliveries" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
            string text = await call.Api.GetAsync(path, ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = NewTable();
            using var json = JsonDocument.Parse(text);
            foreach (var attempt in json.RootElement.GetProperty("data").EnumerateArray())
            {
                AddRow(table, attempt);
            }
            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
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

    private static Command Tail()
    {
        var id = WebhookCommands.WebhookId();
        var interval = new Option<double>("--interval") { Description = "seconds between polls (default 2)", DefaultValueFactory = _ => 2 };
        var command = new Command("tail", "print new delivery attempts as they happen, until Ctrl-C") { id, interval };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            double seconds = call.Parse.GetValue(interval);
            if (seconds is <= 0 or > 3600)
            {
                throw new CliException(ExitCodes.Usage, "--interval must be between 0 and 3600 seconds");
            }
            string path = $"{WebhookCommands.PathOf(call.Parse.GetRequiredValue(id))}/deliveries?limit=100";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool first = true;
            if (!call.Json)
            {
                NewTable().WriteTo(Console.Out);
            }
            while (true)
            {
                string text = await call.Api.GetAsync(path, ct).ConfigureAwait(false);
                using var json = JsonDocument.Parse(text);
                // The log is newest first: print what is new oldest first, like a tail.
                foreach (var attempt in json.RootElement.GetProperty("data").EnumerateArray().Reverse())
                {
                    string key = $"{WebhookCommands.Str(attempt, "deliveryId")}/{attempt.GetProperty("attempt").GetInt32()}/{attempt.GetProperty("at").GetRawText()}";
                    if (seen.Add(key) && !first)
                    {
                        PrintTailLine(attempt, call.Json);
                    }
                }
                if (first)
                {
                    Console.Error.WriteLine($"tailing the delivery log ({seen.Count} earlier attempts not shown); Ctrl-C to stop");
                    first = false;
                }
                await Console.Out.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static void PrintTailLine(JsonElement attempt, bool json)
    {
        if (json)
        {
            // One JSON object per line (the API's entry as is) for scripts.
            Console.WriteLine(attempt.GetRawText());
            return;
        }
        var table = NewTable();
        AddRow(table, attempt);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        table.WriteTo(writer);
        Console.WriteLine(writer.ToString().Split('\n')[1].TrimEnd());
    }

    private static Table NewTable() => new("TIME", "DELIVERY", "EVENT", "TYPE", "ATTEMPT", "OUTCOME", "STATUS", "LATENCY");

    private static void AddRow(Table table, JsonElement attempt)
    {
        string status = attempt.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number
            ? code.GetInt32().ToString(CultureInfo.InvariantCulture)
            : WebhookCommands.Str(attempt, "error") ?? "-";
        double latency = attempt.TryGetProperty("latencyMs", out var ms) ? ms.GetDouble() : 0;
        table.Add(
            attempt.TryGetProperty("at", out var at) ? at.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-",
            WebhookCommands.Str(attempt, "deliveryId"),
            WebhookCommands.Str(attempt, "eventId"),
            WebhookCommands.Str(attempt, "eventType"),
            attempt.TryGetProperty("attempt", out var n) ? n.GetInt32().ToString(CultureInfo.InvariantCulture) : "-",
            WebhookCommands.Str(attempt, "outcome"),
            status,
            $"{latency.ToString("0", CultureInfo.InvariantCulture)} ms");
    }
}
