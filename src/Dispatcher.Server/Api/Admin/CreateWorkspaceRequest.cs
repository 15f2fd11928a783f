namespace Dispatcher.Server.Api.Admin;

/// <summary><c>POST /v1/admin/workspaces</c>.</summary>
/// <param name="MaxWebhooks">The plan's endpoint count; omitted: the deployment's default (Dispatcher:Limits).</param>
public sealed record CreateWorkspaceRequest(string? Id, string? OwnerEmail, int? MaxWebhooks);
