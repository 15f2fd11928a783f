using Dispatcher.Server.Hosting;
using Microsoft.Extensions.Options;

try
{
    var app = DispatcherHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // One clear line per bad setting, not a stack trace.
    foreach (string failure in ex.Failures)
    {
        Console.Error.WriteLine($"Dispatcher cannot start: {failure}");
    }
    return 2;
}
