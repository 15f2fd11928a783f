namespace Dispatcher.Server.Api.Admin;

/// <summary><c>DELETE /v1/admin/workspaces/{id}</c>: what the delete removed.</summary>
public sealed record DeletedWorkspaceResponse(string Id, string State, int WebhooksDeleted, int KeysRevoked);
