using System.CommandLine;
using Dispatcher.Cli.Api;
using Dispatcher.Cli.Config;

namespace Dispatcher.Cli.Commands;

/// <summary>Runs a command's body and turns its failures into one stderr line and an exit code.</summary>
public static class CommandAction
{
    /// <summary>Sets <paramref name="body"/> as the command's action.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    /// <summary>Sets an action that talks to the REST API with the resolved URL and key.</summary>
    public static void SetApi(Command command, Func<ApiCall, CancellationToken, Task<int>> body) =>
        Set(command, async (parse, cancellationToken) =>
        {
            var connection = Connection.From(parse);
            using var api = new ApiClient(connection.Url, connection.RequireApiKey());
            return await body(new ApiCall(parse, api, parse.GetValue(GlobalOptions.Json)), cancellationToken).ConfigureAwait(false);
        });

    private static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(parse, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"dispatcher: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a long-running command (tail, listen) normally.
            return ExitCodes.Ok;
        }
    }
}
