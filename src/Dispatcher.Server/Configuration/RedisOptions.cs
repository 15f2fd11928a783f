namespace Dispatcher.Server.Configuration;

/// <summary>Where Dispatcher's keys live. The connection string is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>Prefix of every key. Default <c>dsp</c>.</summary>
    public string KeyPrefix { get; set; } = "dsp";
}
