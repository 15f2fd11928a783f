using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Redis.Ingest;

/// <summary>A valid event and the webhooks it fans out to (possibly none).</summary>
public sealed record IngestItem(StoredEvent Event, IReadOnlyList<Webhook> Targets);
