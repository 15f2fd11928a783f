using System.CommandLine;

namespace Dispatcher.Cli.Config;

/// <summary>The options every command accepts: where the server is and which keys to use.</summary>
public static class GlobalOptions
{
    public static Option<string?> Url { get; } = new("--url")
    {
        Description = "REST API address (env DISPATCHER_URL; default http://127.0.0.1:8080)",
        Recursive = true,
    };

    public static Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key of your workspace (env DISPATCHER_API_KEY)",
        Recursive = true,
    };

    public static Option<string?> GrpcUrl { get; } = new("--grpc-url")
    {
        Description = "gRPC address (env DISPATCHER_GRPC_URL; default http://127.0.0.1:8081)",
        Recursive = true,
    };

    public static Option<string?> ProducerKey { get; } = new("--producer-key")
    {
        Description = "producer key for `trigger` (env DISPATCHER_PRODUCER_KEY)",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "print the API's JSON as is, for scripts",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
        root.Options.Add(GrpcUrl);
        root.Options.Add(ProducerKey);
        root.Options.Add(Json);
    }
}
