using Dispatcher.Server.Configuration;
using Dispatcher.Server.Hosting;
using Microsoft.Extensions.Options;

try
{
    var app = DispatcherHost.Build(args);
    // Validate before the host starts, so a bad setting is reported by us in one line, not by the host's logger.
    _ = app.Services.GetRequiredService<IOptions<DispatcherOptions>>().Value;
    await app.RunAsync();
    return app.Services.GetRequiredService<ExitCode>().Value;
}
catch (OptionsValidationException ex)
{
    foreach (string failure in ex.Failures)
    {
        Console.Error.WriteLine($"Dispatcher cannot start: {failure}");
    }
    return 2;
}
