using System.CommandLine;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher admin workspaces|keys …</c>: the operator API (<c>/v1/admin</c>), with the operator key.</summary>
public static class AdminCommands
{
    public static Command Build()
    {
        var admin = new Command("admin", "operator commands: workspaces and their keys (needs the operator key)");
        admin.Options.Add(AdminCall.OperatorKey);
        admin.Subcommands.Add(AdminWorkspaceCommands.Build());
        admin.Subcommands.Add(AdminKeyCommands.Build());
        return admin;
    }

    internal static string WorkspacePath(string id) => $"/v1/admin/workspaces/{Uri.EscapeDataString(id)}";
}
