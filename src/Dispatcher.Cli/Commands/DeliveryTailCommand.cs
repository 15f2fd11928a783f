using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher deliveries tail</c>: prints each new attempt of a webhook's delivery log as it is logged.</summary>
internal static class DeliveryTailCommand
{
    // An attempt is logged when it settles, up to a request timeout (and a settle batch) after the
    // time it carries: looking this far back finds the attempts logged out of order.
    private static readonly TimeSpan LateLogging = TimeSpan.FromMinutes(5);

    public static Command Build()
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
            string webhookId = call.Parse.GetRequiredValue(id);
            // Attempt → its time, to forget those that fell behind the window we look at.
            var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            bool first = true;
            if (!call.Json)
            {
                DeliveryTable.New().WriteTo(Console.Out);
            }
            while (true)
            {
                // The log lists by delivery: a retry of an older delivery sits where its delivery does, so
                // after the first look ask for every delivery with an attempt since the latest one seen.
                DateTimeOffset? since = seen.Count == 0 ? null : seen.Values.Max() - LateLogging;
                var fresh = new List<JsonElement>();
                await foreach (var attempt in ReadAsync(call, webhookId, since, first, ct).ConfigureAwait(false))
                {
                    var at = attempt.GetProperty("at").GetDateTimeOffset();
                    // An active delivery comes with all its attempts: those before the window were seen, or predate the tail.
                    if (at < since)
                    {
                        continue;
                    }
                    string key = $"{WebhookCommands.Str(attempt, "deliveryId")}/{attempt.GetProperty("attempt").GetInt32()}/{attempt.GetProperty("at").GetRawText()}";
                    if (seen.TryAdd(key, at) && !first)
                    {
                        fresh.Add(attempt);
                    }
                }
                // Oldest first, like a tail.
                foreach (var attempt in fresh.OrderBy(a => a.GetProperty("at").GetDateTimeOffset()))
                {
                    PrintLine(attempt, call.Json);
                }
                if (first)
                {
                    Console.Error.WriteLine($"tailing the delivery log ({seen.Count} earlier attempts not shown); Ctrl-C to stop");
                    first = false;
                }
                if (since is { } from)
                {
                    foreach (string old in seen.Where(s => s.Value < from).Select(s => s.Key).ToList())
                    {
                        seen.Remove(old);
                    }
                }
                await Console.Out.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>The first look: the newest 100 attempts. Later ones: every page of the deliveries active since then.</summary>
    private static async IAsyncEnumerable<JsonElement> ReadAsync(
        ApiCall call, string webhookId, DateTimeOffset? since, bool first,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            string path = DeliveryCommands.LogPath(webhookId,
            [
                ("limit", first ? "100" : "500"),
                ("since", since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                ("cursor", cursor),
            ]);
            string text = await call.Api.GetAsync(path, ct).ConfigureAwait(false);
            using var json = JsonDocument.Parse(text);
            foreach (var attempt in json.RootElement.GetProperty("data").EnumerateArray())
            {
                yield return attempt.Clone();
            }
            cursor = first ? null : WebhookCommands.Str(json.RootElement, "nextCursor");
        }
        while (cursor is not null);
    }

    private static void PrintLine(JsonElement attempt, bool json)
    {
        if (json)
        {
            // One JSON object per line (the API's entry as is) for scripts.
            Console.WriteLine(attempt.GetRawText());
            return;
        }
        var table = DeliveryTable.New();
        DeliveryTable.AddRow(table, attempt);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        table.WriteTo(writer);
        Console.WriteLine(writer.ToString().Split('\n')[1].TrimEnd());
    }
}
