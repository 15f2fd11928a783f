namespace Dispatcher.Server.Api.Admin;

/// <summary><c>POST /v1/admin/workspaces/{id}/keys/{keyId}/rotate</c>: how long the old key keeps working (seconds; default 3600).</summary>
public sealed record RotateKeyRequest(int? OverlapSeconds);
