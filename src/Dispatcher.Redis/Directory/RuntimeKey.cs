namespace Dispatcher.Redis.Directory;

/// <summary>
/// A key issued through the operator API. Only <see cref="Hash"/> (its SHA-256, hex) is kept: the key
/// itself is shown once, when issued.
/// </summary>
/// <param name="ExpiresAt">Set when the key was rotated: it keeps working until then (the overlap).</param>
/// <param name="ReplacedBy">The id of the key a rotation issued in its place.</param>
public sealed record RuntimeKey(
    string Id, string Workspace, KeyScope Scope, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt = null, string? ReplacedBy = null)
{
    public bool IsLive(DateTimeOffset now) => ExpiresAt is not { } expires || now < expires;
}
