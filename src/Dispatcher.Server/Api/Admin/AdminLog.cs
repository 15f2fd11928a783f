using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Api.Admin;

/// <summary>The operator API's log lines (event ids 6000–6099). Ids, workspaces and scopes only: never a key.</summary>
public static partial class AdminLog
{
    public const string Category = "Dispatcher.Server.Api.Admin";

    [LoggerMessage(EventId = LogEventIds.WorkspaceCreated, EventName = nameof(LogEventIds.WorkspaceCreated), Level = LogLevel.Information,
        Message = "Workspace {Workspace} created at runtime")]
    public static partial void WorkspaceCreated(ILogger logger, string workspace);

    [LoggerMessage(EventId = LogEventIds.WorkspaceSuspended, EventName = nameof(LogEventIds.WorkspaceSuspended), Level = LogLevel.Information,
        Message = "Workspace {Workspace} suspended: ingest and writes refused, deliveries held")]
    public static partial void WorkspaceSuspended(ILogger logger, string workspace);

    [LoggerMessage(EventId = LogEventIds.WorkspaceResumed, EventName = nameof(LogEventIds.WorkspaceResumed), Level = LogLevel.Information,
        Message = "Workspace {Workspace} resumed")]
    public static partial void WorkspaceResumed(ILogger logger, string workspace);

    [LoggerMessage(EventId = LogEventIds.WorkspaceDeleted, EventName = nameof(LogEventIds.WorkspaceDeleted), Level = LogLevel.Information,
        Message = "Workspace {Workspace} deleted: {Webhooks} webhooks deleted, {Keys} keys revoked")]
    public static partial void WorkspaceDeleted(ILogger logger, string workspace, int webhooks, int keys);

    [LoggerMessage(EventId = LogEventIds.RuntimeKeyIssued, EventName = nameof(LogEventIds.RuntimeKeyIssued), Level = LogLevel.Information,
        Message = "Key {KeyId} issued for workspace {Workspace} with scope {Scope}")]
    public static partial void KeyIssued(ILogger logger, string keyId, string workspace, string scope);

    [LoggerMessage(EventId = LogEventIds.RuntimeKeyRotated, EventName = nameof(LogEventIds.RuntimeKeyRotated), Level = LogLevel.Information,
        Message = "Key {KeyId} of workspace {Workspace} rotated to {NewKeyId}; the old key works until {ExpiresAt:O}")]
    public static partial void KeyRotated(ILogger logger, string keyId, string workspace, string newKeyId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = LogEventIds.RuntimeKeyRevoked, EventName = nameof(LogEventIds.RuntimeKeyRevoked), Level = LogLevel.Information,
        Message = "Key {KeyId} of workspace {Workspace} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId, string workspace);
}
