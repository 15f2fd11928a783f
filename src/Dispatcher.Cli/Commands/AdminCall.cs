using System.CommandLine;
using Dispatcher.Cli.Api;
using Dispatcher.Cli.Config;

namespace Dispatcher.Cli.Commands;

/// <summary>
/// Runs an operator command: the operator key from <c>--operator-key</c> or <c>DISPATCHER_OPERATOR_KEY</c>
/// (never saved by <c>login</c>, never printed), the REST address as every command finds it.
/// </summary>
public static class AdminCall
{
    public static Option<string?> OperatorKey { get; } = new("--operator-key")
    {
        Description = "operator key of the deployment (env DISPATCHER_OPERATOR_KEY)",
        Recursive = true,
    };

    public static void Set(Command command, Func<ApiCall, CancellationToken, Task<int>> body) =>
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var connection = Connection.From(parse);
            string key = Connection.Pick(parse.GetValue(OperatorKey), "DISPATCHER_OPERATOR_KEY", null)
                ?? throw new CliException(ExitCodes.Usage, "no operator key: pass --operator-key or set DISPATCHER_OPERATOR_KEY");
            using var api = new ApiClient(connection.Url, key, refusedHint: "the operator key (401 {0}): check --operator-key or DISPATCHER_OPERATOR_KEY");
            return await body(new ApiCall(parse, api, parse.GetValue(GlobalOptions.Json)), cancellationToken).ConfigureAwait(false);
        });
}
