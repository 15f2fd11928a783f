using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Dispatcher.Core.Deliveries;

/// <summary>
/// The one mapping between <see cref="DeliveryOutcome"/> and the names the delivery log, the API's
/// <c>?outcome=</c> filter, metrics and logs use. Those names are a public contract and already
/// stored in Redis: change none of them.
/// </summary>
public static class DeliveryOutcomes
{
    /// <summary>Every wire name, in declaration order (the API lists them when refusing a filter).</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<DeliveryOutcome>().Select(ToWireName).ToArray();

    public static string ToWireName(this DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Succeeded => "succeeded",
        DeliveryOutcome.Retrying => "retrying",
        DeliveryOutcome.Failed => "failed",
        DeliveryOutcome.Paused => "paused",
        DeliveryOutcome.Disabled => "disabled",
        DeliveryOutcome.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// Reads a wire name, exactly as written (ordinal, lower case). Not <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/>:
    /// that would also take "Succeeded" or "2", which the API has always refused.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out DeliveryOutcome outcome)
    {
        if (name is not null && ByWireName.TryGetValue(name, out outcome))
        {
            return true;
        }
        outcome = default;
        return false;
    }

    /// <summary>Built from <see cref="ToWireName"/>, so the two directions cannot disagree.</summary>
    private static readonly FrozenDictionary<string, DeliveryOutcome> ByWireName =
        Enum.GetValues<DeliveryOutcome>().ToFrozenDictionary(o => o.ToWireName(), StringComparer.Ordinal);
}
