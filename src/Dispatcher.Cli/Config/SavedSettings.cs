namespace Dispatcher.Cli.Config;

/// <summary>What the config file holds; every field optional.</summary>
public sealed class SavedSettings
{
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    public string? GrpcUrl { get; set; }

    public string? ProducerKey { get; set; }

    /// <summary>The workspace <c>trigger</c> publishes for.</summary>
    public string? Workspace { get; set; }
}
