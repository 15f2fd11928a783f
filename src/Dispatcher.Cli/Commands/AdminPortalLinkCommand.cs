using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher admin portal-link WORKSPACE [--scope read|write] [--ttl SECONDS]</c>: a one-time dashboard sign-in link.</summary>
public static class AdminPortalLinkCommand
{
    public static Command Build()
    {
        var workspace = new Argument<string>("workspace") { Description = "the workspace the link signs in to" };
        var scope = new Option<string?>("--scope") { Description = "write (default: every dashboard action) or read (look only)" };
        var ttl = new Option<int?>("--ttl") { Description = "seconds the link stays usable (30 to 3600, default 600)" };
        var command = new Command("portal-link", "mint a single-use dashboard sign-in link for a workspace's user; prints it") { workspace, scope, ttl };
        AdminCall.Set(command, async (call, ct) =>
        {
            var body = new JsonObject();
            if (call.Parse.GetValue(scope) is { } s)
            {
                body["scope"] = s;
            }
            if (call.Parse.GetValue(ttl) is { } seconds)
            {
                body["ttlSeconds"] = seconds;
            }
            string path = AdminCommands.WorkspacePath(call.Parse.GetRequiredValue(workspace)) + "/portal-links";
            string text = await call.Api.PostAsync(path, body.ToJsonString(), ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            using var json = JsonDocument.Parse(text);
            var link = json.RootElement;
            Console.WriteLine(WebhookCommands.Str(link, "url"));
            Console.Error.WriteLine($"{WebhookCommands.Str(link, "scope")} access to workspace {WebhookCommands.Str(link, "workspace")}; " +
                $"works once, until {WebhookCommands.Str(link, "expiresAt")}. Send it only to the person it is for.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
