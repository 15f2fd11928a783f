namespace Dispatcher.Redis.Scripts;

/// <summary>The Lua scripts, read once from embedded resources with the shared helpers prepended.</summary>
internal static class LuaScripts
{
    public static RedisScript Enqueue { get; } = new(Load("enqueue"));

    public static RedisScript Claim { get; } = new(Load("claim"));

    public static RedisScript Settle { get; } = new(Load("settle"));

    public static RedisScript Drop { get; } = new(Load("drop"));

    public static RedisScript Hold { get; } = new(Load("hold"));

    public static RedisScript Replay { get; } = new(Load("replay"));

    public static RedisScript Resume { get; } = new(Load("resume"));

    public static RedisScript Park { get; } = new(Load("park"));

    public static RedisScript QueueExpiry { get; } = new(Load("queue_expiry"));

    public static RedisScript Unpark { get; } = new(Load("unpark"));

    public static RedisScript Lease { get; } = new(Read("lease"));

    public static RedisScript Members { get; } = new(Read("members"));

    public static RedisScript LogAppend { get; } = new(Load("log_append"));

    // The status scripts append their notification entry themselves (note_append.lua).
    public static RedisScript WebhookOutcome { get; } = new(Read("note_append") + "\n" + Read("webhook_outcome"));

    public static RedisScript WebhookStatus { get; } = new(Read("note_append") + "\n" + Read("webhook_status"));

    public static RedisScript NoteClaim { get; } = new(Read("note_claim"));

    public static RedisScript NoteCursor { get; } = new(Read("note_cursor"));

    public static RedisScript AggregationCount { get; } = new(Read("agg_count"));

    public static RedisScript AggregationClose { get; } = new(Read("agg_close"));

    public static RedisScript WebhookCreate { get; } = new(Read("webhook_create"));

    public static RedisScript WebhookRotate { get; } = new(Read("webhook_rotate"));

    public static RedisScript WebhookUpdate { get; } = new(Read("webhook_update"));

    public static RedisScript Listen { get; } = new(Read("listen"));

    public static RedisScript CallLimit { get; } = new(Read("call_limit"));

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
