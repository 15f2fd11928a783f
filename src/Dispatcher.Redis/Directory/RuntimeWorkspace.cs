namespace Dispatcher.Redis.Directory;

/// <summary>A workspace created through the operator API, as Redis keeps it.</summary>
/// <param name="MaxWebhooks">The plan's endpoint count; null: the deployment's default (Dispatcher:Limits).</param>
public sealed record RuntimeWorkspace(
    string Id, string? OwnerEmail, int? MaxWebhooks, WorkspaceState State, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt);
