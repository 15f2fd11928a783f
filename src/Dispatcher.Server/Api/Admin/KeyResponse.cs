using Dispatcher.Redis.Directory;
using Dispatcher.Server.Auth;

namespace Dispatcher.Server.Api.Admin;

/// <summary>
/// One runtime key. <see cref="Key"/> is set only in the answer that issued it (issue, rotate): it is
/// stored only as a hash and never shown again.
/// </summary>
public sealed record KeyResponse(
    string Id, string Workspace, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? ReplacedBy, string? Key = null)
{
    public static KeyResponse From(RuntimeKey key, string? secret = null) =>
        new(key.Id, key.Workspace, KeyScopes.Name(key.Scope), key.CreatedAt, key.ExpiresAt, key.ReplacedBy, secret);
}
