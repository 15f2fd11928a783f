namespace Dispatcher.Server.Listen;

/// <summary>
/// The endpoint URL of a <c>dispatcher listen</c> webhook: <c>cli://listen/&lt;webhook id&gt;</c>. The
/// REST API refuses the scheme (only https://, or http:// in development), so only this service
/// creates such webhooks; the delivery engine hands their attempts to the connected CLI.
/// </summary>
public static class ListenEndpoint
{
    public const string Scheme = "cli";

    public static Uri For(string webhookId) => new($"{Scheme}://listen/{webhookId}");

    public static bool IsListen(Uri endpoint) => endpoint.IsAbsoluteUri && endpoint.Scheme == Scheme;

    /// <summary>The session (webhook) id a listen endpoint names; the path keeps its case, unlike a host.</summary>
    public static string WebhookIdOf(Uri endpoint) => endpoint.AbsolutePath.TrimStart('/');
}
