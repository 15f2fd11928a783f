namespace Dispatcher.Server.Api.Admin;

/// <summary>The operator API's errors, in the customer API's shape.</summary>
public static class AdminErrors
{
    public static ApiError NoWorkspace(string id) => ApiError.NotFound($"no workspace '{id}'");

    public static ApiError NoKey(string workspace, string keyId) => ApiError.NotFound($"no key '{keyId}' in workspace '{workspace}'");

    public static ApiError Configured(string id, string change) =>
        new(StatusCodes.Status409Conflict, "CONFIGURED_WORKSPACE",
            $"workspace '{id}' comes from configuration and cannot be {change} at runtime; change the settings (Dispatcher:ApiKeys, Dispatcher:Workspaces) instead");

    /// <summary>Another operator changed the same record between our read and our write.</summary>
    public static ApiError Conflict(string what) =>
        new(StatusCodes.Status409Conflict, "CONFLICT", $"{what} changed while this call ran; read it again and retry");
}
