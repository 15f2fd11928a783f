using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher admin keys list|issue|rotate|revoke --workspace …</c>.</summary>
public static class AdminKeyCommands
{
    public static Command Build()
    {
        var keys = new Command("keys", "issue, list, rotate and revoke a workspace's keys");
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Issue());
        keys.Subcommands.Add(Rotate());
        keys.Subcommands.Add(Revoke());
        return keys;
    }

    private static Option<string> Workspace() => new("--workspace") { Description = "the workspace the keys belong to", Required = true };

    private static Argument<string> KeyId() => new("key") { Description = "the key's id (key_…)" };

    private static string KeysPath(string workspace) => AdminCommands.WorkspacePath(workspace) + "/keys";

    private static Command List()
    {
        var workspace = Workspace();
        var command = new Command("list", "list the workspace's runtime keys (never the keys themselves)") { workspace };
        AdminCall.Set(command, async (call, ct) =>
        {
            string text = await call.Api.GetAsync(KeysPath(call.Parse.GetRequiredValue(workspace)), ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = new Table("ID", "SCOPE", "CREATED", "EXPIRES", "REPLACED BY");
            using var json = JsonDocument.Parse(text);
            foreach (var k in json.RootElement.GetProperty("data").EnumerateArray())
            {
                table.Add(WebhookCommands.Str(k, "id"), WebhookCommands.Str(k, "scope"), WebhookCommands.Str(k, "createdAt"),
                    WebhookCommands.Str(k, "expiresAt"), WebhookCommands.Str(k, "replacedBy"));
            }
            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Issue()
    {
        var workspace = Workspace();
        var scope = new Option<string>("--scope") { Description = "read (GETs), write (the whole customer API and listen) or publish (gRPC ingest)", Required = true };
        var command = new Command("issue", "issue a key; prints it once") { workspace, scope };
        AdminCall.Set(command, async (call, ct) =>
        {
            string body = new JsonObject { ["scope"] = call.Parse.GetRequiredValue(scope) }.ToJsonString();
            string text = await call.Api.PostAsync(KeysPath(call.Parse.GetRequiredValue(workspace)), body, ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            using var json = JsonDocument.Parse(text);
            PrintIssued(json.RootElement, "issued");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rotate()
    {
        var workspace = Workspace();
        var id = KeyId();
        var overlap = new Option<int?>("--overlap") { Description = "seconds the old key keeps working (default 3600; 0: stops at once)" };
        var command = new Command("rotate", "issue a new key in place of an old one, which keeps working for the overlap") { id, workspace, overlap };
        AdminCall.Set(command, async (call, ct) =>
        {
            var body = new JsonObject();
            if (call.Parse.GetValue(overlap) is { } seconds)
            {
                body["overlapSeconds"] = seconds;
            }
            string path = $"{KeysPath(call.Parse.GetRequiredValue(workspace))}/{Uri.EscapeDataString(call.Parse.GetRequiredValue(id))}/rotate";
            string text = await call.Api.PostAsync(path, body.ToJsonString(), ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            using var json = JsonDocument.Parse(text);
            var previous = json.RootElement.GetProperty("previous");
            PrintIssued(json.RootElement.GetProperty("key"), "issued");
            Console.WriteLine($"{WebhookCommands.Str(previous, "id")} keeps working until {WebhookCommands.Str(previous, "expiresAt")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var workspace = Workspace();
        var id = KeyId();
        var command = new Command("revoke", "revoke a key: refused by every instance within a second") { id, workspace };
        AdminCall.Set(command, async (call, ct) =>
        {
            string keyId = call.Parse.GetRequiredValue(id);
            await call.Api.SendAsync(HttpMethod.Delete, $"{KeysPath(call.Parse.GetRequiredValue(workspace))}/{Uri.EscapeDataString(keyId)}", null, ct).ConfigureAwait(false);
            if (!call.Json)
            {
                Console.WriteLine($"revoked {keyId}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The issued key is printed once, on its own line, for the operator to hand over; the server never shows it again.</summary>
    private static void PrintIssued(JsonElement key, string done)
    {
        Console.WriteLine($"{done} {WebhookCommands.Str(key, "id")} ({WebhookCommands.Str(key, "scope")}) for workspace {WebhookCommands.Str(key, "workspace")}");
        Console.WriteLine($"key: {WebhookCommands.Str(key, "key")}");
        Console.WriteLine("(shown once: Dispatcher keeps only its hash)");
    }
}
