using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>The dashboard's sign-in events. Never a key, token or cookie: only the workspace and how.</summary>
public static partial class DashboardLog
{
    public const string Category = "Dispatcher.Dashboard";

    [LoggerMessage(EventId = LogEventIds.DashboardSignedIn, EventName = nameof(LogEventIds.DashboardSignedIn), Level = LogLevel.Information,
        Message = "Dashboard sign-in to workspace {Workspace} with scope {Scope}, by {Method}")]
    public static partial void SignedIn(ILogger logger, string workspace, string scope, string method);

    [LoggerMessage(EventId = LogEventIds.DashboardSignInRefused, EventName = nameof(LogEventIds.DashboardSignInRefused), Level = LogLevel.Information,
        Message = "Dashboard sign-in refused: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = LogEventIds.PortalLinkMinted, EventName = nameof(LogEventIds.PortalLinkMinted), Level = LogLevel.Information,
        Message = "Portal link minted for workspace {Workspace} with scope {Scope}, valid until {ExpiresAt:O}")]
    public static partial void PortalLinkMinted(ILogger logger, string workspace, string scope, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = LogEventIds.DashboardSessionEnded, EventName = nameof(LogEventIds.DashboardSessionEnded), Level = LogLevel.Information,
        Message = "Dashboard session of workspace {Workspace} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string workspace, string reason);
}
