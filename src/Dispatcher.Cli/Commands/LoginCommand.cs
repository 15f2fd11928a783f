using System.CommandLine;
using Dispatcher.Cli.Api;
using Dispatcher.Cli.Config;

namespace Dispatcher.Cli.Commands;

/// <summary>
/// <c>dispatcher login</c>: checks the API key against the server, then saves the addresses and keys
/// to the config file (mode 600). Keys are never printed back.
/// </summary>
public static class LoginCommand
{
    public static Command Build()
    {
        var workspace = new Option<string?>("--workspace") { Description = "the workspace `trigger` publishes for" };
        var noVerify = new Option<bool>("--no-verify") { Description = "save without asking the server whether the key works" };
        var command = new Command("login", "save the server address and keys for later commands") { workspace, noVerify };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var connection = Connection.From(parse);
            string apiKey = connection.RequireApiKey();
            if (!parse.GetValue(noVerify))
            {
                using var api = new ApiClient(connection.Url, apiKey);
                await api.GetAsync("/v1/webhooks", ct).ConfigureAwait(false);
            }
            var saved = ConfigFile.Read();
            saved.Url = connection.Url.ToString();
            saved.ApiKey = apiKey;
            saved.GrpcUrl = connection.GrpcUrl.ToString();
            saved.ProducerKey = connection.ProducerKey ?? saved.ProducerKey;
            saved.Workspace = parse.GetValue(workspace) ?? saved.Workspace;
            ConfigFile.Write(saved);
            Console.WriteLine($"saved the API key{(saved.ProducerKey is null ? "" : " and producer key")} for {connection.Url} to {ConfigFile.Path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
