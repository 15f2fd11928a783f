using Dispatcher.Redis.Directory;

namespace Dispatcher.Server.Auth;

/// <summary>Scope names as the API and the claims spell them.</summary>
public static class KeyScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Publish = "publish";

    public static string Name(KeyScope scope) => scope switch
    {
        KeyScope.Read => Read,
        KeyScope.Write => Write,
        _ => Publish,
    };

    public static KeyScope? Parse(string? name) => name switch
    {
        Read => KeyScope.Read,
        Write => KeyScope.Write,
        Publish => KeyScope.Publish,
        _ => null,
    };
}
