using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Engine.Claims;

/// <summary>A claimed delivery waiting in its endpoint's channel, with the webhook as read when it was claimed.</summary>
public sealed record QueuedDelivery(int Partition, Webhook Webhook, ClaimedDelivery Claim, DateTimeOffset ClaimedAt);
