using System.CommandLine;
using System.Text.Json.Nodes;

namespace Dispatcher.Cli.Commands;

/// <summary>
/// <c>dispatcher webhooks update &lt;id&gt;</c>: a PATCH of the fields given. <c>--header</c> replaces
/// the whole set of custom headers; <c>--clear-headers</c> removes them.
/// </summary>
public static class WebhookUpdateCommand
{
    public static Command Build()
    {
        var id = WebhookCommands.WebhookId();
        var endpoint = new Option<string?>("--endpoint") { Description = "a new endpoint URL" };
        var events = new Option<string?>("--events") { Description = "the new comma-separated event names (replaces the list)" };
        var header = HeaderOption.Create();
        var clear = new Option<bool>("--clear-headers") { Description = "remove every custom header" };
        var command = new Command("update", "change a webhook's endpoint, events or custom headers") { id, endpoint, events, header, clear };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            var body = new JsonObject();
            if (call.Parse.GetValue(endpoint) is { } url)
            {
                body["endpoint"] = url;
            }
            if (call.Parse.GetValue(events) is { } list)
            {
                body["events"] = new JsonArray(WebhookCommands.SplitList(list).Select(e => (JsonNode)JsonValue.Create(e)).ToArray());
            }
            string[] headers = call.Parse.GetValue(header) ?? [];
            bool clearHeaders = call.Parse.GetValue(clear);
            if (clearHeaders && headers.Length > 0)
            {
                throw new CliException(ExitCodes.Usage, "--clear-headers and --header cannot be combined: --header already replaces the whole set");
            }
            if (clearHeaders || headers.Length > 0)
            {
                body["headers"] = HeaderOption.ToJson(headers);
            }
            if (body.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "nothing to change: give --endpoint, --events, --header or --clear-headers");
            }
            string text = await call.Api.SendAsync(HttpMethod.Patch, WebhookCommands.PathOf(call.Parse.GetRequiredValue(id)), body.ToJsonString(), ct)
                .ConfigureAwait(false);
            return WebhookCommands.PrintWebhook(call, text, "updated");
        });
        return command;
    }
}
