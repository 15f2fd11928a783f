namespace Dispatcher.Server.Api.Admin;

/// <summary><c>GET /v1/admin/workspaces/{id}/keys</c>: the workspace's runtime keys (configured keys are not listed).</summary>
public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Data);
