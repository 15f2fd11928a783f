using System.CommandLine;

namespace Dispatcher.Cli.Config;

/// <summary>
/// The server addresses and keys one run uses: a flag beats the environment, which beats the
/// config file, which beats the Development defaults (addresses only; keys have no default).
/// </summary>
public sealed record Connection(Uri Url, string? ApiKey, Uri GrpcUrl, string? ProducerKey)
{
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8080");
    public static readonly Uri DefaultGrpcUrl = new("http://127.0.0.1:8081");

    public static Connection From(ParseResult parse)
    {
        var saved = ConfigFile.Read();
        string? url = Pick(parse.GetValue(GlobalOptions.Url), "DISPATCHER_URL", saved.Url);
        string? grpc = Pick(parse.GetValue(GlobalOptions.GrpcUrl), "DISPATCHER_GRPC_URL", saved.GrpcUrl);
        return new Connection(
            ParseUrl(url, DefaultUrl, "--url"),
            Pick(parse.GetValue(GlobalOptions.ApiKey), "DISPATCHER_API_KEY", saved.ApiKey),
            ParseUrl(grpc, DefaultGrpcUrl, "--grpc-url"),
            Pick(parse.GetValue(GlobalOptions.ProducerKey), "DISPATCHER_PRODUCER_KEY", saved.ProducerKey));
    }

    public string RequireApiKey() => ApiKey ??
        throw new CliException(ExitCodes.Usage, "no API key: pass --api-key, set DISPATCHER_API_KEY or run `dispatcher login`");

    public string RequireProducerKey() => ProducerKey ??
        throw new CliException(ExitCodes.Usage, "no producer key: pass --producer-key, set DISPATCHER_PRODUCER_KEY or run `dispatcher login --producer-key …`");

    internal static string? Pick(string? flag, string environmentVariable, string? saved) =>
        !string.IsNullOrEmpty(flag) ? flag
        : Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } env ? env
        : string.IsNullOrEmpty(saved) ? null : saved;

    internal static Uri ParseUrl(string? value, Uri fallback, string name)
    {
        if (value is null)
        {
            return fallback;
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        throw new CliException(ExitCodes.Usage, $"{name} must be an absolute http:// or https:// URL, not '{value}'");
    }
}
