using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest;

/// <summary>
/// What one run does: the scale of every scenario, ceiling and peer, where results go, and whether
/// the peers run. <c>--quick</c> scales everything down so the run proves the harness in well under
/// two minutes; the full scale is the issue's.
/// </summary>
public sealed record HarnessSettings
{
    public bool Quick { get; init; }

    /// <summary>Where latest.json, latest.md and latest.png go (default bench/results/ of the repository).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Whether the BullMQ and Hangfire peers run (default: on in a full run, off with --quick).</summary>
    public bool RunPeers { get; init; }

    public int ThroughputEndpoints { get; init; } = 2_000;

    public int ThroughputEvents { get; init; } = 300_000;

    /// <summary>The latency scenario's load, as a fraction of the throughput measured just before.</summary>
    public double LatencyLoadFraction { get; init; } = 0.2;

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long scenario 5 publishes (at scenario 2's rate) once two instances share the partitions.</summary>
    public TimeSpan CrossInstanceDuration { get; init; } = TimeSpan.FromSeconds(20);

    public int BurstEndpoints { get; init; } = 100;

    public int BurstEvents { get; init; } = 200_000;

    public int IngestEvents { get; init; } = 100_000;

    public TimeSpan WrkDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int RedisBenchmarkRequests { get; init; } = 2_000_000;

    /// <summary>BullMQ gets scenario 1's N (about 5,000/s on two cores, so about a minute).</summary>
    public int BullMqEvents { get; init; } = 300_000;

    /// <summary>Hangfire delivers about 500/s on two cores: it gets fewer events, and the report says so.</summary>
    public int HangfireEvents { get; init; } = 5_000;

    /// <summary>The longest any one phase may wait for its deliveries before it gives up and reports what arrived.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>With <c>--perf</c>, Dispatcher is profiled with perf through scenario 1 (latest-profile.txt).</summary>
    public bool Profile { get; init; }

    /// <summary>
    /// The new backlog scenario: this many endpoints, disabled while <see cref="BacklogPerEndpoint"/>
    /// events each are queued (100 × 10,000: the million queued deliveries).
    /// </summary>
    public int BacklogEndpoints { get; init; } = 100;

    public int BacklogPerEndpoint { get; init; } = 10_000;

    public int BacklogEvents => BacklogEndpoints * BacklogPerEndpoint;

    /// <summary>
    /// The backlog's drain takes events ÷ (endpoints × 50/s): 200 s at full scale, so it gets its own,
    /// longer bound than the other phases.
    /// </summary>
    public TimeSpan BacklogTimeout => PhaseTimeout + TimeSpan.FromSeconds(BacklogPerEndpoint / 50.0 * 1.5);

    /// <summary>With <c>--no-instances</c>, the three-instances scenario (one against three Dispatchers on one Redis) is skipped.</summary>
    public bool RunInstances { get; init; } = true;

    /// <summary>
    /// With <c>--server-build DIR</c>, Dispatcher.Server.dll is started from that folder (another
    /// checkout's Release build, for an A/B run) instead of the one built beside the harness.
    /// </summary>
    public string? ServerBuild { get; init; }

    /// <summary>The harness's redis-server <c>appendfsync</c> (<c>--fsync always|everysec</c>, default everysec as docker-compose runs it).</summary>
    public string Fsync { get; init; } = "everysec";

    /// <summary>With <c>--scenario1</c>, only the warm-up and scenario 1 run (for A/B runs) and scenario1.json is written.</summary>
    public bool ScenarioOneOnly { get; init; }

    /// <summary>The factor <c>--scale f</c> applied to the full run's counts (1: the scale); the report shows it.</summary>
    public double Scale { get; init; } = 1;

    public static HarnessSettings Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        string output = Value(args, "--out") ?? Path.Combine(RepositoryRoot.Find(), "bench", "results");
        bool peers = args.Contains("--peers") || (!quick && !args.Contains("--no-peers"));
        string fsync = Value(args, "--fsync") ?? "everysec";
        if (fsync is not ("always" or "everysec"))
        {
            throw new ArgumentException($"--fsync takes always or everysec, not {fsync}");
        }
        var settings = new HarnessSettings
        {
            Quick = quick, OutputDirectory = Path.GetFullPath(output), RunPeers = peers, Profile = args.Contains("--perf"),
            RunInstances = !args.Contains("--no-instances"), Fsync = fsync, ScenarioOneOnly = args.Contains("--scenario1"),
            ServerBuild = Value(args, "--server-build") is { } build ? Path.GetFullPath(build) : null,
        };
        if (!quick && Value(args, "--scale") is { } scaleText)
        {
            double f = Math.Clamp(double.Parse(scaleText, System.Globalization.CultureInfo.InvariantCulture), 0.01, 1);
            int Scaled(int n) => Math.Max(1, (int)(n * f));
            return settings with
            {
                Scale = f,
                ThroughputEndpoints = Math.Max(Routing.TypesPerWorkspace, Scaled(settings.ThroughputEndpoints)),
                ThroughputEvents = Scaled(settings.ThroughputEvents),
                BurstEndpoints = Math.Max(Routing.TypesPerWorkspace, Scaled(settings.BurstEndpoints)),
                BurstEvents = Scaled(settings.BurstEvents),
                IngestEvents = Scaled(settings.IngestEvents),
                BullMqEvents = Scaled(settings.BullMqEvents),
                HangfireEvents = Scaled(settings.HangfireEvents),
                // Fewer endpoints (at least one workspace's worth) and a shallower queue each: the
                // drain runs at the endpoints' cap, so its time scales with the depth alone.
                BacklogEndpoints = Math.Max(Routing.TypesPerWorkspace, Scaled(settings.BacklogEndpoints)),
                BacklogPerEndpoint = Scaled(settings.BacklogPerEndpoint),
            };
        }
        return quick
            ? settings with
            {
                ThroughputEndpoints = 100,
                ThroughputEvents = 5_000,
                LatencyDuration = TimeSpan.FromSeconds(3),
                CrossInstanceDuration = TimeSpan.FromSeconds(2),
                BurstEndpoints = 20,
                // Burst and backlog drain at the endpoints' cap (50/s each): 100 per endpoint is two seconds
                // of it, enough for the per-second figures the quick run checks.
                BurstEvents = 2_000,
                IngestEvents = 2_000,
                WrkDuration = TimeSpan.FromSeconds(2),
                RedisBenchmarkRequests = 100_000,
                BullMqEvents = 2_000,
                HangfireEvents = 500,
                BacklogEndpoints = 20,
                BacklogPerEndpoint = 100,
                PhaseTimeout = TimeSpan.FromSeconds(40),
            }
            : settings;
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
