using StackExchange.Redis;

namespace Dispatcher.Redis;

/// <summary>
/// Every key Dispatcher uses. Keys touched together by one script share a hash tag — the
/// partition for delivery work, the workspace for the webhook registry — so the same code runs
/// on a single Redis, on Garnet and on Redis Cluster. Every id part that another part follows (the
/// workspace) goes in through <see cref="KeyPart.Encode"/>, so it can hold neither the ':' that ends it
/// nor the braces of a hash tag; the last part (an event, webhook or caller id) needs no escaping, as
/// nothing follows it, and keeps the name layout 1 gave it (layout 2: see RedisLayout).
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    // Registry, tagged by workspace: a workspace's webhooks and its index change together.
    public RedisKey Webhook(string workspaceId, string webhookId) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:wh:{webhookId}";

    public RedisKey WorkspaceWebhooks(string workspaceId) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:whs";

    /// <summary>Bumped by every write that changes which webhooks ingest fans a workspace's events out to.</summary>
    public RedisKey WorkspaceVersion(string workspaceId) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:ver";

    // Owner notifications, tagged by workspace: written by the scripts that change a webhook's status.

    /// <summary>The workspace's notification log: entry → its sequence (note_append.lua).</summary>
    public RedisKey Notifications(string workspaceId) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:notes";

    /// <summary>The last sequence the workspace's notification log gave out.</summary>
    public RedisKey NotificationSequence(string workspaceId) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:notes:seq";

    /// <summary>How far a notification consumer (<c>email</c>, <c>webhooks</c>) has settled every entry of the workspace's log.</summary>
    public RedisKey NotificationCursor(string workspaceId, string consumer) => $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:notes:at:{consumer}";

    /// <summary>One consumer's claim on one entry: busy (with a lease), waiting to retry, or done.</summary>
    public RedisKey NotificationClaim(string workspaceId, string consumer, long sequence) =>
        $"{Prefix}:{{ws:{KeyPart.Encode(workspaceId)}}}:notes:claim:{consumer}:{sequence}";

    /// <summary>Every workspace that has (or is about to have) a notification log: what consumers scan.</summary>
    public RedisKey NotificationWorkspaces => $"{Prefix}:notes:workspaces";


    // Delivery work, tagged by partition.

    /// <summary>
    /// An event's body in one partition it reached. The body in the event's home partition
    /// (<see cref="Events.EventHome"/>) is always written and is the producer-facing dedupe marker.
    /// </summary>
    public RedisKey EventBody(int partition, string workspaceId, string eventId) => $"{Prefix}:{{p:{partition}}}:ev:{KeyPart.Encode(workspaceId)}:{eventId}";

    public RedisKey Ready(int partition) => $"{Prefix}:{{p:{partition}}}:ready";

    public RedisKey Queue(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:q:{webhookId}";

    public RedisKey QueueRecords(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:qr:{webhookId}";

    /// <summary>
    /// The webhook's delivery log: its last deliveries, delivery id → first attempt's time (ms). It lives
    /// with the partition, not the workspace, so an attempt's entry is written in the script that settles it.
    /// </summary>
    public RedisKey DeliveryLog(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:log:{webhookId}";

    /// <summary>The logged deliveries' summaries (outcome, status, attempts, last time, type): what log filters read.</summary>
    public RedisKey DeliveryLogSummaries(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:logs:{webhookId}";

    /// <summary>The logged deliveries' attempts, one entry per line, oldest first.</summary>
    public RedisKey DeliveryLogRecords(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:logd:{webhookId}";

    /// <summary>The delivery log's three keys, in the order the scripts take them (log_attempts).</summary>
    public RedisKey[] DeliveryLogKeys(int partition, string webhookId) =>
        [DeliveryLog(partition, webhookId), DeliveryLogSummaries(partition, webhookId), DeliveryLogRecords(partition, webhookId)];

    /// <summary>
    /// The webhook's deliveries that failed for good, <c>"&lt;delivery&gt; &lt;event id&gt;"</c> → when (ms), kept as
    /// long as event bodies: what recover reads beyond the log's last deliveries (settle.lua, note_failed).
    /// </summary>
    public RedisKey FailedDeliveries(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:failed:{webhookId}";

    /// <summary>
    /// The webhook's delivery counters of one hour (<paramref name="hour"/>: whole hours since the Unix epoch,
    /// <see cref="Stats.StatsHours"/>): field <c>&lt;minute of the hour&gt;:&lt;outcome&gt;</c> and the hour's total
    /// <c>h:&lt;outcome&gt;</c>. Written by the script that logs the attempt (count_attempts); expires a day after the hour.
    /// </summary>
    public RedisKey DeliveryStats(int partition, string webhookId, long hour) => $"{Prefix}:{{p:{partition}}}:st:{hour}:{webhookId}";

    /// <summary>When the webhook's latest logged attempt was made (ms); lives as long as its delivery log.</summary>
    public RedisKey LastDelivery(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:last:{webhookId}";

    /// <summary>Absent, "disabled", "deleted" (a tombstone), or the time (ms) until which the receiver asked us to wait.</summary>
    public RedisKey Hold(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:hold:{webhookId}";

    /// <summary>Webhooks taken out of <see cref="Ready"/> while their channel is full (see park.lua).</summary>
    public RedisKey Parked(int partition) => $"{Prefix}:{{p:{partition}}}:parked";

    /// <summary>The status sequence (see webhook_status.lua) of the last disable or enable applied to <see cref="Hold"/>.</summary>
    public RedisKey HoldSequence(int partition, string webhookId) => $"{Prefix}:{{p:{partition}}}:hseq:{webhookId}";

    /// <summary>Which instance delivers for the partition (expires unless renewed).</summary>
    public RedisKey Lease(int partition) => $"{Prefix}:{{p:{partition}}}:lease";

    /// <summary>
    /// The partition's lease epoch (hash: <c>epoch</c>, last <c>holder</c>, <c>released</c>); it outlives
    /// the lease key so a new holder learns whom it takes over from, and stale holders are fenced.
    /// </summary>
    public RedisKey LeaseEpoch(int partition) => $"{Prefix}:{{p:{partition}}}:epoch";

    /// <summary>Live instances: sorted set of instance id, score = last heartbeat (ms).</summary>
    public RedisKey Members => $"{Prefix}:members";

    /// <summary>Pub/sub channel telling the holders that ingest added work to partitions.</summary>
    public RedisChannel WakeChannel => RedisChannel.Literal($"{Prefix}:wake");

    /// <summary>The instance holding a <c>dispatcher listen</c> session's stream (expires unless refreshed).</summary>
    public RedisKey ListenHolder(string webhookId) => $"{Prefix}:listen:{webhookId}";

    /// <summary>Pub/sub channel of the listen attempts relayed to the instance holding their session's stream.</summary>
    public RedisChannel ListenDeliveries(string instanceId) => RedisChannel.Literal($"{Prefix}:listen:to:{instanceId}");

    /// <summary>Pub/sub channel of the CLI reports relayed back to the instance waiting for them.</summary>
    public RedisChannel ListenReports(string instanceId) => RedisChannel.Literal($"{Prefix}:listen:reports:{instanceId}");

    /// <summary>The partition count this deployment started with; it may never change.</summary>
    public RedisKey PartitionCount => $"{Prefix}:meta:partitions";

    /// <summary>How key names are built (RedisLayout.Current); absent before layout 2.</summary>
    public RedisKey Layout => $"{Prefix}:meta:layout";

    /// <summary>Held (with an expiry) by the instance migrating the layout; the others wait for its stamp.</summary>
    public RedisKey LayoutMigrating => $"{Prefix}:meta:migrating";

    // Runtime workspaces and their keys (the operator API), tagged together: every change writes a
    // record and bumps the version in one transaction, and every instance caches the whole directory.

    /// <summary>Runtime workspaces: hash of workspace id → record (JSON; a deleted one stays as a tombstone).</summary>
    public RedisKey DirectoryWorkspaces => $"{Prefix}:{{dir}}:workspaces";

    /// <summary>Runtime keys: hash of key id → record (JSON with the key's SHA-256, never the key).</summary>
    public RedisKey DirectoryKeys => $"{Prefix}:{{dir}}:keys";

    /// <summary>Bumped by every change to the two hashes above; instances poll it as the backstop of the channel.</summary>
    public RedisKey DirectoryVersion => $"{Prefix}:{{dir}}:ver";

    /// <summary>Pub/sub channel announcing a new <see cref="DirectoryVersion"/>, so every instance reloads at once.</summary>
    public RedisChannel DirectoryChanged => RedisChannel.Literal($"{Prefix}:dir:changed");

    // The dashboard's sign-ins, one key each (no script touches two): named by the SHA-256 of their
    // token, so Redis never holds a token a browser could present.

    /// <summary>A signed-in browser's session: its workspace, scope and the key it signed in with; expires with the session.</summary>
    public RedisKey DashboardSession(string tokenHash) => $"{Prefix}:dash:session:{tokenHash}";

    /// <summary>A portal sign-in link not yet used; expires with the link.</summary>
    public RedisKey PortalLink(string tokenHash) => $"{Prefix}:dash:link:{tokenHash}";

    /// <summary>A caller's call counter of one limited kind (e.g. <c>send</c>); the caller is a key's identity, never the key.</summary>
    public RedisKey CallLimit(string kind, string callerId) => $"{Prefix}:rl:{kind}:{callerId}";
}
