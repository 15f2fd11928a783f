using System.Globalization;
using Dispatcher.Core.Profiles;
using Dispatcher.Engine.Configuration;

namespace Dispatcher.Server.Configuration;

/// <summary>
/// A retry schedule must end before the event it retries expires (Dispatcher:Ingest:DedupeWindow
/// keeps event bodies): a later attempt would find nothing to send, and the delivery would be
/// dropped as expired instead of failing on record.
/// </summary>
public static class RetentionRules
{
    /// <summary>The longest a schedule can take: every delay, lengthened by the most jitter can add.</summary>
    public static TimeSpan SpanOf(IEnumerable<int> delaySeconds, double jitter) =>
        TimeSpan.FromSeconds(delaySeconds.Sum(s => (double)s) * (1 + jitter));

    /// <summary>Null when <paramref name="delaySeconds"/> fits the retention; else why not, naming <paramref name="what"/>.</summary>
    public static string? Check(string what, IEnumerable<int> delaySeconds, IngestOptions ingest, DeliveryOptions delivery)
    {
        var span = SpanOf(delaySeconds, delivery.RetryJitter);
        return span <= ingest.DedupeWindow
            ? null
            : $"{what} spans up to {Hours(span)} with jitter, longer than the event retention Dispatcher:Ingest:DedupeWindow ({Hours(ingest.DedupeWindow)}): its last attempts would find the event gone";
    }

    /// <summary>The deployment's schedule and every format's must fit the retention.</summary>
    public static void Validate(DispatcherOptions options, List<string> errors)
    {
        if (options.Ingest.DedupeWindow < TimeSpan.FromMinutes(1) || options.Delivery.RetryJitter is < 0 or > 1
            || options.Delivery.RetrySchedule.Any(s => s <= 0))
        {
            // Already refused for itself; a second line would only repeat it.
            return;
        }
        var deployment = options.Delivery.RetrySchedule.Count > 0
            ? options.Delivery.RetrySchedule
            : Dispatcher.Core.Retries.RetrySchedule.Default.Delays.Select(d => (int)d.TotalSeconds).ToList();
        if (Check("Dispatcher:Delivery:RetrySchedule", deployment, options.Ingest, options.Delivery) is { } error)
        {
            errors.Add(error);
        }
        foreach (var profile in WebhookProfiles.All.Where(p => p.RetrySchedule is not null))
        {
            if (Check($"the {profile.Name} format's retry schedule", profile.RetrySchedule!, options.Ingest, options.Delivery) is { } formatError)
            {
                errors.Add(formatError);
            }
        }
    }

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
}
