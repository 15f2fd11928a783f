using System.CommandLine;
using Dispatcher.Cli;
using Dispatcher.Cli.Commands;
using Dispatcher.Cli.Config;
using Dispatcher.Cli.Listen;

var root = new RootCommand("dispatcher: manage webhooks, watch deliveries, trigger events and forward webhooks to localhost");
GlobalOptions.AddTo(root);
root.Subcommands.Add(LoginCommand.Build());
root.Subcommands.Add(WebhookCommands.Build());
root.Subcommands.Add(DeliveryCommands.Build());
root.Subcommands.Add(TriggerCommand.Build());
root.Subcommands.Add(ListenCommand.Build());
root.Subcommands.Add(AdminCommands.Build());

// No response files: `--data @file.json` names a file the command reads itself.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parse.Errors.Count > 0)
{
    // Bad usage is exit code 2 (System.CommandLine's own default is 1, which we keep for server errors).
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"dispatcher: {error.Message}");
    }
    Console.Error.WriteLine("run `dispatcher --help` for usage");
    return ExitCodes.Usage;
}
// Ctrl-C cancels the command's token; give it time to clean up (listen deletes its webhook) before the process is ended.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
