using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Cli.Output;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher admin workspaces list|create|get|suspend|resume|delete</c>.</summary>
public static class AdminWorkspaceCommands
{
    public static Command Build()
    {
        var workspaces = new Command("workspaces", "create, show, suspend, resume and delete workspaces");
        workspaces.Subcommands.Add(List());
        workspaces.Subcommands.Add(Create());
        workspaces.Subcommands.Add(Change("get", "show one workspace", HttpMethod.Get, "", null));
        workspaces.Subcommands.Add(Change("suspend", "refuse its ingest and writes, hold its deliveries", HttpMethod.Post, "/suspend", "suspended"));
        workspaces.Subcommands.Add(Change("resume", "undo a suspend: held deliveries go out", HttpMethod.Post, "/resume", "resumed"));
        workspaces.Subcommands.Add(Delete());
        return workspaces;
    }

    private static Argument<string> WorkspaceId() => new("workspace") { Description = "the workspace's id" };

    private static Command List()
    {
        var command = new Command("list", "list runtime and configured workspaces");
        AdminCall.Set(command, async (call, ct) =>
        {
            string text = await call.Api.GetAsync("/v1/admin/workspaces", ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            var table = new Table("ID", "STATE", "SOURCE", "MAX WEBHOOKS", "OWNER");
            using var json = JsonDocument.Parse(text);
            foreach (var w in json.RootElement.GetProperty("data").EnumerateArray())
            {
                table.Add(WebhookCommands.Str(w, "id"), WebhookCommands.Str(w, "state"), WebhookCommands.Str(w, "source"),
                    w.GetProperty("maxWebhooks").GetRawText(), WebhookCommands.Str(w, "ownerEmail"));
            }
            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Create()
    {
        var id = WorkspaceId();
        var owner = new Option<string?>("--owner-email") { Description = "where owner notifications go by email" };
        var max = new Option<int?>("--max-webhooks") { Description = "the plan's endpoint count (default: the deployment's limit)" };
        var command = new Command("create", "create a workspace") { id, owner, max };
        AdminCall.Set(command, async (call, ct) =>
        {
            var body = new JsonObject { ["id"] = call.Parse.GetRequiredValue(id) };
            if (call.Parse.GetValue(owner) is { } email)
            {
                body["ownerEmail"] = email;
            }
            if (call.Parse.GetValue(max) is { } limit)
            {
                body["maxWebhooks"] = limit;
            }
            return Print(call, await call.Api.PostAsync("/v1/admin/workspaces", body.ToJsonString(), ct).ConfigureAwait(false), "created");
        });
        return command;
    }

    private static Command Change(string name, string description, HttpMethod method, string suffix, string? done)
    {
        var id = WorkspaceId();
        var command = new Command(name, description) { id };
        AdminCall.Set(command, async (call, ct) =>
            Print(call, await call.Api.SendAsync(method, AdminCommands.WorkspacePath(call.Parse.GetRequiredValue(id)) + suffix, null, ct).ConfigureAwait(false), done));
        return command;
    }

    private static Command Delete()
    {
        var id = WorkspaceId();
        var command = new Command("delete", "delete a workspace: revokes its keys, deletes its webhooks and their queues") { id };
        AdminCall.Set(command, async (call, ct) =>
        {
            string workspace = call.Parse.GetRequiredValue(id);
            string text = await call.Api.SendAsync(HttpMethod.Delete, AdminCommands.WorkspacePath(workspace), null, ct).ConfigureAwait(false);
            if (call.Json)
            {
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            using var json = JsonDocument.Parse(text);
            Console.WriteLine($"deleted {workspace}: {json.RootElement.GetProperty("webhooksDeleted").GetInt32()} webhooks deleted, {json.RootElement.GetProperty("keysRevoked").GetInt32()} keys revoked");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Print(ApiCall call, string text, string? done)
    {
        if (call.Json)
        {
            Console.WriteLine(text);
            return ExitCodes.Ok;
        }
        using var json = JsonDocument.Parse(text);
        var workspace = json.RootElement;
        if (done is not null)
        {
            Console.WriteLine($"{done} {WebhookCommands.Str(workspace, "id")}");
        }
        var table = new Table("FIELD", "VALUE");
        foreach (var property in workspace.EnumerateObject())
        {
            table.Add(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
        }
        table.WriteTo(Console.Out);
        return ExitCodes.Ok;
    }
}
