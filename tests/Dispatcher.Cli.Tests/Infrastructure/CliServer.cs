using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>The environment that points a CLI process at a test server with its keys.</summary>
public static class CliServer
{
    public static Dictionary<string, string> Environment(Uri http, Uri grpc, string apiKey = DispatcherTestServer.ApiKey) => new()
    {
        ["DISPATCHER_URL"] = http.ToString(),
        ["DISPATCHER_GRPC_URL"] = grpc.ToString(),
        ["DISPATCHER_API_KEY"] = apiKey,
        ["DISPATCHER_PRODUCER_KEY"] = DispatcherTestServer.ProducerKey,
        ["DISPATCHER_WORKSPACE"] = DispatcherTestServer.Workspace,
    };

    public static Dictionary<string, string> Environment(DispatcherTestServer server, string apiKey = DispatcherTestServer.ApiKey) =>
        Environment(server.Http, server.Grpc, apiKey);
}
