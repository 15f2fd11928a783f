namespace Dispatcher.Testing;

/// <summary>
/// A producer key for workspace A only, beside the test server's all-workspaces key (the string form,
/// index 0): shared by the functional and the CLI tests of scoped keys.
/// </summary>
public static class ScopedProducerKey
{
    public const string Key = "scoped_producer_key_a";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Dispatcher:ProducerKeys:1:Key"] = Key,
        ["Dispatcher:ProducerKeys:1:Workspaces:0"] = DispatcherTestServer.Workspace,
    };
}
