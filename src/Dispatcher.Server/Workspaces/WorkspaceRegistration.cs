using Dispatcher.Engine.Holds;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Api.Admin;
using Dispatcher.Server.Auth;

namespace Dispatcher.Server.Workspaces;

public static class WorkspaceRegistration
{
    /// <summary>
    /// Runtime workspaces and keys: the directory in Redis and this instance's copy of it, the owners
    /// notifications read (runtime first, then configuration), the engine's hold on suspended
    /// workspaces, the customer keys' scopes, and the operator API that manages them.
    /// </summary>
    public static IServiceCollection AddRuntimeWorkspaces(this IServiceCollection services)
    {
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<IWorkspaceHolds>(sp => sp.GetRequiredService<WorkspaceDirectory>());
        services.AddSingleton<ConfiguredWorkspaces>();
        services.AddSingleton<ConfiguredWorkspaceOwners>();
        services.AddSingleton<IWorkspaceOwners, RuntimeWorkspaceOwners>();
        services.AddSingleton<WorkspaceLimits>();
        services.AddHostedService<DirectoryRefresher>();
        services.AddKeyScopes();
        services.AddOperatorApi();
        return services;
    }
}
