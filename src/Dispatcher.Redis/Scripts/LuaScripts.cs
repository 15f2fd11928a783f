namespace Dispatcher.Redis.Scripts;

/// <summary>The Lua scripts, read once from embedded resources with the shared helpers prepended.</summary>
internal static class LuaScripts
{
    public static string Enqueue { get; } = Load("enqueue");

    public static string Claim { get; } = Load("claim");

    public static string Settle { get; } = Load("settle");

    public static string Drop { get; } = Load("drop");

    public static string Hold { get; } = Load("hold");

    public static string Replay { get; } = Load("replay");

    public static string Resume { get; } = Load("resume");

    public static string Park { get; } = Load("park");

    public static string QueueExpiry { get; } = Load("queue_expiry");

    public static string Unpark { get; } = Load("unpark");

    public static string Lease { get; } = Read("lease");

    public static string Members { get; } = Read("members");

    public static string LogAppend { get; } = Load("log_append");

    public static string WebhookOutcome { get; } = Read("webhook_outcome");

    public static string WebhookStatus { get; } = Read("webhook_status");

    public static string AggregationCount { get; } = Read("agg_count");

    public static string AggregationClose { get; } = Read("agg_close");

    public static string WebhookCreate { get; } = Read("webhook_create");

    public static string WebhookRotate { get; } = Read("webhook_rotate");

    public static string WebhookUpdate { get; } = Read("webhook_update");

    public static string Listen { get; } = Read("listen");

    public static string CallLimit { get; } = Read("call_limit");

    private static string Load(string name) => Read("common") + "\n" + Read(name);

    private static string Read(string name)
    {
        var assembly = typeof(LuaScripts).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Dispatcher.Redis.Scripts.{name}.lua")
            ?? throw new InvalidOperationException($"missing embedded script {name}.lua");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
