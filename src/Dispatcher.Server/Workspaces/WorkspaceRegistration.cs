using Dispatcher.Engine.Holds;
using Dispatcher.Redis.Directory;

namespace Dispatcher.Server.Workspaces;

public static class WorkspaceRegistration
{
    /// <summary>
    /// Runtime workspaces and keys: the directory in Redis and this instance's copy of it, the owners
    /// notifications read (runtime first, then configuration), the engine's hold on suspended
    /// workspaces and the plan limits. The operator API (AddOperatorApi) and the key scopes (AddKeyScopes) come with the API.
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
        return services;
    }
}
