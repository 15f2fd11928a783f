using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher deliveries recover &lt;webhook&gt; --since T</c>: sends every delivery that failed since then again.</summary>
internal static class DeliveryRecoverCommand
{
    public static Command Build()
    {
        var id = WebhookCommands.WebhookId();
        var since = new Option<string>("--since") { Description = "failures at or after: ISO 8601, or back from now (30m, 2h, 7d)", Required = true };
        var until = new Option<string?>("--until") { Description = "failures before: ISO 8601, or back from now" };
        var command = new Command("recover", "send again every delivery that failed in a time range, also beyond the log's last deliveries") { id, since, until };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            var body = new JsonObject
            {
                ["since"] = CliTimes.ToApi(call.Parse.GetRequiredValue(since), "--since"),
            };
            if (CliTimes.ToApi(call.Parse.GetValue(until), "--until") is { } to)
            {
                body["until"] = to;
            }
            string text = await call.Api.PostAsync($"{WebhookCommands.PathOf(call.Parse.GetRequiredValue(id))}/recover",
                body.ToJsonString(), ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var not = root.GetProperty("notRecovered");
            Console.WriteLine($"queued {root.GetProperty("queued").GetInt32()} failed deliveries again");
            Console.WriteLine($"already delivered since (not sent again): {root.GetProperty("alreadyDelivered").GetInt32()}");
            Console.WriteLine($"could not recover {not.GetProperty("total").GetInt32()}: "
                + $"{not.GetProperty("expired").GetInt32()} past the event retention, {not.GetProperty("webhookDeleted").GetInt32()} webhook deleted");
            return ExitCodes.Ok;
        });
        return command;
    }
}
