using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher webhooks list|create|get|update|delete|enable|disable|rotate-secret</c>: thin over <c>/v1/webhooks</c>.</summary>
public static class WebhookCommands
{
    public static Command Build()
    {
        var webhooks = new Command("webhooks", "manage your workspace's webhooks");
        webhooks.Subcommands.Add(List());
        webhooks.Subcommands.Add(Create());
        webhooks.Subcommands.Add(Get());
        webhooks.Subcommands.Add(WebhookUpdateCommand.Build());
        webhooks.Subcommands.Add(Simple("delete", "delete a webhook (its pending deliveries are dropped)", HttpMethod.Delete, "", "deleted"));
        webhooks.Subcommands.Add(Simple("enable", "resume delivery; queued events are sent", HttpMethod.Post, "/enable", "enabled"));
        webhooks.Subcommands.Add(Simple("disable", "stop delivery; new events keep queuing", HttpMethod.Post, "/disable", "disabled"));
        webhooks.Subcommands.Add(RotateSecret());
        return webhooks;
    }

    internal static Argument<string> WebhookId() => new("webhook") { Description = "the webhook's id (wh_…)" };

    internal static string PathOf(string id) => $"/v1/webhooks/{Uri.EscapeDataString(id)}";

    private static Command List()
    {
        var command = new Command("list", "list the webhooks");
        CommandAction.SetApi(command, async (call, ct) =>
        {
            string text = await call.Api.GetAsync("/v1/webhooks", ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = new Table("ID", "STATUS", "FORMAT", "ENDPOINT", "EVENTS");
            using var json = JsonDocument.Parse(text);
            foreach (var webhook in json.RootElement.GetProperty("data").EnumerateArray())
            {
                table.Add(Str(webhook, "id"), Str(webhook, "status"), Str(webhook, "format"), Str(webhook, "endpoint"), Events(webhook));
            }
            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Create()
    {
        var endpoint = new Option<string>("--endpoint") { Description = "where deliveries go (https://…)", Required = true };
        var events = new Option<string>("--events") { Description = "comma-separated event names of the format, e.g. link.clicked,qr.scanned", Required = true };
        var format = new Option<string?>("--format") { Description = "cd4cd, snip, georedir, awsys, elido or standard-webhooks (default: the deployment's)" };
        var secret = new Option<string?>("--secret") { Description = "a secret of 16+ characters (default: generated)" };
        var header = HeaderOption.Create();
        var command = new Command("create", "register a webhook; prints its signing secret once") { endpoint, events, format, secret, header };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            var body = new JsonObject
            {
                ["endpoint"] = call.Parse.GetValue(endpoint),
                ["events"] = new JsonArray(SplitList(call.Parse.GetValue(events)).Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
                ["secret"] = call.Parse.GetValue(secret) ?? "auto",
            };
            if (call.Parse.GetValue(format) is { } f)
            {
                body["format"] = f;
            }
            if (call.Parse.GetValue(header) is { Length: > 0 } headers)
            {
                body["headers"] = HeaderOption.ToJson(headers);
            }
            string text = await call.Api.PostAsync("/v1/webhooks", body.ToJsonString(), ct).ConfigureAwait(false);
            return PrintWebhook(call, text, "created");
        });
        return command;
    }

    private static Command Get()
    {
        var id = WebhookId();
        var command = new Command("get", "show one webhook") { id };
        CommandAction.SetApi(command, async (call, ct) =>
            PrintWebhook(call, await call.Api.GetAsync(PathOf(call.Parse.GetRequiredValue(id)), ct).ConfigureAwait(false), null));
        return command;
    }

    private static Command RotateSecret()
    {
        var id = WebhookId();
        var secret = new Option<string?>("--secret") { Description = "the new secret, 16+ characters (default: generated)" };
        var command = new Command("rotate-secret", "replace the signing secret; the old one keeps signing for the overlap") { id, secret };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            string body = new JsonObject { ["secret"] = call.Parse.GetValue(secret) ?? "auto" }.ToJsonString();
            string text = await call.Api.PostAsync($"{PathOf(call.Parse.GetRequiredValue(id))}/rotate-secret", body, ct).ConfigureAwait(false);
            return PrintWebhook(call, text, "rotated the secret of");
        });
        return command;
    }

    private static Command Simple(string name, string description, HttpMethod method, string suffix, string done)
    {
        var id = WebhookId();
        var command = new Command(name, description) { id };
        CommandAction.SetApi(command, async (call, ct) =>
        {
            string webhookId = call.Parse.GetRequiredValue(id);
            string text = await call.Api.SendAsync(method, PathOf(webhookId) + suffix, null, ct).ConfigureAwait(false);
            if (call.Json)
            {
                // The API's answer as is; delete answers 204 with no body, so nothing is printed.
                if (text.Length > 0)
                {
                    Console.WriteLine(text);
                }
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{done} {webhookId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static int PrintWebhook(ApiCall call, string text, string? done)
    {
        if (call.Json)
        {
            Console.WriteLine(text);
            return ExitCodes.Ok;
        }
        using var json = JsonDocument.Parse(text);
        var webhook = json.RootElement;
        if (done is not null)
        {
            Console.WriteLine($"{done} {Str(webhook, "id")}");
        }
        var table = new Table("FIELD", "VALUE");
        foreach (var field in new[] { "id", "endpoint", "format", "status", "statusReason", "createdAt", "previousSecretExpiresAt" })
        {
            if (webhook.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                table.Add(field, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
            }
        }
        table.Add("events", Events(webhook));
        foreach (var field in new[] { "rateLimit", "retrySchedule" })
        {
            if (webhook.TryGetProperty(field, out var value))
            {
                table.Add(field, value.GetRawText());
            }
        }
        if (webhook.TryGetProperty("headers", out var custom))
        {
            // Names only: the API never returns the values.
            table.Add("headers", string.Join(",", custom.EnumerateObject().Select(h => h.Name)));
        }
        if (webhook.TryGetProperty("secret", out var secret))
        {
            // The signing secret is shown by the API only on create and rotate: pass it on, once.
            table.Add("secret", secret.GetString());
        }
        table.WriteTo(Console.Out);
        return ExitCodes.Ok;
    }

    internal static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Events(JsonElement webhook) =>
        webhook.TryGetProperty("events", out var events) ? string.Join(",", events.EnumerateArray().Select(e => e.GetString())) : "";

    internal static string[] SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
