using System.ComponentModel;

namespace Dispatcher.Server.Configuration;

/// <summary>
/// One producer key and the workspaces it may publish to and hear about. Configured either as a
/// bare string (<c>"ProducerKeys": ["key"]</c>: every workspace, the platform's own key) or as
/// <c>{ "Key": "…", "Workspaces": ["ws_a"] }</c>; <c>"*"</c> in <see cref="Workspaces"/> means every workspace.
/// </summary>
[TypeConverter(typeof(ProducerKeyOptionsConverter))]
public sealed class ProducerKeyOptions
{
    /// <summary>Stands for every workspace in <see cref="Workspaces"/>.</summary>
    public const string AllWorkspaces = "*";

    public string Key { get; set; } = "";

    /// <summary>Workspace ids, or <c>"*"</c> for all. No default: an object without it fails start-up.</summary>
    public List<string> Workspaces { get; set; } = [];

    /// <summary>The bare-string form: a key for every workspace (keeps collection expressions of keys compiling).</summary>
    public static implicit operator ProducerKeyOptions(string key) => FromKey(key);

    public static ProducerKeyOptions FromKey(string key) => new() { Key = key, Workspaces = [AllWorkspaces] };
}
