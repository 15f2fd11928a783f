namespace Dispatcher.Server.Configuration;

/// <summary>One REST API key and the workspace it acts for.</summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Workspace { get; set; } = "";
}
