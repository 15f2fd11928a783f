namespace Dispatcher.Core.Logging;

/// <summary>
/// Every log event Dispatcher writes, in one place: each <c>[LoggerMessage]</c> takes its id and its name
/// from here (<c>EventId = LogEventIds.X, EventName = nameof(LogEventIds.X)</c>), so ids stay unique
/// (a test fails on a repeated one) and alerts and tests can match on either. Ids are grouped by area;
/// docs/operations.md lists them all with their messages.
/// </summary>
public static class LogEventIds
{
    // 1–99: Start-up
    public const int Listening = 1;
    public const int EmbeddedStore = 2;
    public const int RedisStore = 3;
    public const int SampleKeys = 4;

    // 1000–1999: Ingest
    public const int IngestRedisUnavailable = 1001;
    public const int IngestReplicasBehind = 1002;
    public const int IngestStreamReset = 1003;
    public const int IngestRequestUndecodable = 1100;

    // 2000–2999: Delivery: pumps, workers, the processor, the delivery log, lease supervision
    public const int PartitionRedisError = 2001;
    public const int DeliveryFailed = 2002;
    public const int PumpFailed = 2003;
    public const int RetryScheduled = 2004;
    public const int SettleFailed = 2005;
    public const int NoToken = 2006;
    public const int WebhookDisabled = 2007;
    public const int WebhookPaused = 2008;
    public const int AttemptSettled = 2009;
    public const int PartitionCountMismatch = 2010;
    public const int DeliveryWaitingForRedis = 2011;
    public const int LeaseLost = 2012;
    public const int LeaseReleaseFailed = 2013;
    public const int HeldDeliveryHandedBack = 2014;
    public const int LayoutStamped = 2015;
    public const int LayoutMigrationRefused = 2016;
    public const int LayoutTooNew = 2017;
    public const int SenderRestarted = 2100;
    public const int EndpointWorkersEvicted = 2101;
    public const int DeliveriesClaimed = 2102;
    public const int DeliveryExpired = 2103;
    public const int ExpiredRecordFailed = 2104;

    // 3000–3999: Status notifications
    public const int WebhookStatusChanged = 3001;
    public const int NotificationPublishFailed = 3002;
    public const int NotificationSubscribeFailed = 3003;

    // 6100–6199: Owner notifications: the notification log's consumers (email, notification webhooks)
    public const int OwnerEmailSent = 6100;
    public const int OwnerEmailFailed = 6101;
    public const int NotificationEntryAbandoned = 6102;
    public const int OwnerEmailWithoutOwner = 6103;
    public const int NotificationEventQueued = 6104;
    public const int NotificationConsumerFailed = 6105;

    // 5100–5199: Endpoint trust
    public const int ConnectRefused = 5100;
    public const int EndpointRefused = 5101;

    // 5200–5299: Click aggregation
    public const int AggregateEmitted = 5201;
    public const int AggregateAlreadyEmitted = 5202;
    public const int AggregateWithoutSubscribers = 5203;
    public const int AggregationPass = 5204;
    public const int AggregationFailed = 5205;
    public const int AggregationPassFailed = 5206;

    // 5300–5399: The webhook API
    public const int WebhookCreated = 5300;
    public const int WebhookLimitReached = 5301;
    public const int WebhookSecretRotated = 5302;
    public const int WebhookUpdated = 5303;
    public const int TestEventQueued = 5304;
    public const int TestEventFailed = 5305;

    // 5400–5499: Leases, the Redis connection and telemetry
    public const int PartitionAcquired = 5400;
    public const int PartitionTakenOver = 5401;
    public const int PartitionsReleased = 5402;
    public const int PartitionsHeld = 5403;
    public const int PartitionsTakenOverFromExpired = 5404;
    public const int RedisConnectionLost = 5410;
    public const int RedisConnectionRestored = 5411;
    public const int TelemetrySampled = 5420;
    public const int TelemetrySampleFailed = 5421;
    public const int WebhookCensusCompleted = 5422;

    // 5600–5699: Membership and cross-instance wake-ups
    public const int PartitionShareChanged = 5600;
    public const int PartitionHandedOff = 5601;
    public const int WakeupSubscribeFailed = 5610;
    public const int WakeupAnnounceFailed = 5611;
    public const int HoldRelaySubscribeFailed = 5612;
    public const int HoldRelayAnnounceFailed = 5613;

    // 5700–5799: dispatcher listen
    public const int ListenConnected = 5700;
    public const int ListenDisconnected = 5701;
    public const int ListenNotConnected = 5703;
    public const int ListenRelayed = 5704;
    public const int ListenRelayFailed = 5705;
    public const int ListenRelayedIn = 5706;
    public const int ListenRelayedToClosed = 5707;
    public const int ListenRelayedFull = 5708;
    public const int ListenReportRelayFailed = 5709;
    public const int ListenRelaySubscribeFailed = 5710;
    public const int ListenRegistryFailed = 5711;
    public const int ListenSuperseded = 5712;

    // 5800–5999: Secrets: the key ring and unreadable webhook secrets
    public const int KeyRingUnprotected = 5800;
    public const int KeyRingEncrypted = 5801;
    public const int WebhookSecretUnreadable = 5900;
    public const int WebhookSecretStillUnreadable = 5901;
    public const int WebhookSecretReadableAgain = 5902;
    public const int WebhookSecretHoldReleased = 5903;
    public const int IngestSkippedUnreadableWebhook = 5904;

    // 6000–6099: Runtime workspaces and keys (the operator API)
    public const int WorkspaceCreated = 6000;
    public const int WorkspaceSuspended = 6001;
    public const int WorkspaceResumed = 6002;
    public const int WorkspaceDeleted = 6003;
    public const int RuntimeKeyIssued = 6004;
    public const int RuntimeKeyRotated = 6005;
    public const int RuntimeKeyRevoked = 6006;
    public const int WorkspaceDeliveryHeld = 6010;
    public const int DirectoryReloaded = 6020;
    public const int DirectoryReloadFailed = 6021;
    public const int DirectorySubscribeFailed = 6022;

    // 6200–6219: The dashboard: sign-ins, sessions, portal links
    public const int DashboardSignedIn = 6200;
    public const int DashboardSignInRefused = 6201;
    public const int PortalLinkMinted = 6202;
    public const int DashboardSessionEnded = 6203;
}
