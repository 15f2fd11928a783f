using System.CommandLine;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher admin workspaces|keys|portal-link …</c>: the operator API (<c>/v1/admin</c>), with the operator key.</summary>
public static class AdminCommands
{
    public static Command Build()
    {
        var admin = new Command("admin", "operator commands: workspaces, their keys and dashboard sign-in links (needs the operator key)");
        admin.Options.Add(AdminCall.OperatorKey);
        admin.Subcommands.Add(AdminWorkspaceCommands.Build());
        admin.Subcommands.Add(AdminKeyCommands.Build());
        admin.Subcommands.Add(AdminPortalLinkCommand.Build());
        return admin;
    }

    internal static string WorkspacePath(string id) => $"/v1/admin/workspaces/{Uri.EscapeDataString(id)}";
}
