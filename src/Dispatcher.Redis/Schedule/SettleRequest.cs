using Dispatcher.Redis.Deliveries;

namespace Dispatcher.Redis.Schedule;

/// <summary>
/// One claimed delivery's settlement in a batch; <paramref name="At"/> is when it is due again
/// (retry, pause, release). <paramref name="Log"/>, when given, is written in the same script.
/// </summary>
public sealed record SettleRequest(ClaimedDelivery Delivery, Settlement Settlement, DateTimeOffset At = default, LoggedAttempt? Log = null);
