using Dispatcher.Engine.Configuration;
namespace Dispatcher.Server.Configuration;

/// <summary>Everything under the <c>Dispatcher</c> configuration section. docs/configuration.md lists each setting.</summary>
public sealed class DispatcherOptions
{
    public const string Section = "Dispatcher";

    /// <summary>
    /// Bearer keys a producer may present on the gRPC ingest stream, each with the workspaces it may
    /// publish to (a bare string: all of them). No default.
    /// </summary>
    public List<ProducerKeyOptions> ProducerKeys { get; set; } = [];

    /// <summary>REST API keys, each bound to one workspace. No default.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Bearer keys of the operator API (<c>/v1/admin</c>: workspaces and their keys at runtime), 16+
    /// characters each. Default none: the operator API answers 401 and says to set this.
    /// </summary>
    public List<string> OperatorKeys { get; set; } = [];

    /// <summary>
    /// Facts about configured workspaces, by id (today: the owner's email). A workspace named only by
    /// an API key needs no entry here.
    /// </summary>
    public Dictionary<string, WorkspaceOptions> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True only in appsettings.Development.json: the keys above are public samples, and start-up says so.</summary>
    public bool SampleKeys { get; set; }

    /// <summary>
    /// The format (profile) of a webhook created without one: <c>cd4cd</c>, <c>snip</c>, <c>georedir</c>,
    /// <c>awsys</c>, <c>elido</c> or <c>standard-webhooks</c>. Default <c>cd4cd</c>.
    /// </summary>
    public string DefaultFormat { get; set; } = Dispatcher.Core.Profiles.WebhookProfiles.DefaultName;

    /// <summary>
    /// The REST API's address as receivers reach it, for the fetch URL of a truncated delivery.
    /// Default: the address the REST endpoint listens on.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    public EndpointPolicyOptions Endpoints { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();

    public RedisOptions Redis { get; set; } = new();

    public PartitionOptions Partitions { get; set; } = new();

    public EmbeddedStoreOptions EmbeddedStore { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    public AggregationOptions Aggregation { get; set; } = new();

    public SecretOptions Secrets { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public DashboardOptions Dashboard { get; set; } = new();
}
