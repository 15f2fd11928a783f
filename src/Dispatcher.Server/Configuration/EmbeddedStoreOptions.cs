namespace Dispatcher.Server.Configuration;

/// <summary>The embedded Garnet store, used when no <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Folder for its append-only log, so a restart keeps acknowledged work. Default <c>data/garnet</c>.</summary>
    public string DataPath { get; set; } = "data/garnet";

    /// <summary>Loopback port it listens on; 0 picks a free one. Default 0.</summary>
    public int Port { get; set; }
}
