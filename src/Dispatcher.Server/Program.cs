using Dispatcher.Engine.Instances;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

try
{
    var app = DispatcherHost.Build(args);
    // Validate before the host starts, so a bad setting is reported by us in one line, not by the host's logger.
    _ = app.Services.GetRequiredService<IOptions<DispatcherOptions>>().Value;
    // Resolved before the run: RunAsync disposes the container when the host stops, and asking it afterwards throws.
    var exitCode = app.Services.GetRequiredService<ExitCode>();
    await app.RunAsync();
    return exitCode.Value;
}
catch (OptionsValidationException ex)
{
    foreach (string failure in ex.Failures)
    {
        Console.Error.WriteLine($"Dispatcher cannot start: {failure}");
    }
    return 2;
}
catch (IOException ex) when (ex.InnerException is AddressInUseException)
{
    // Most often a second server started on the same machine: say which address and what to set, not a crash.
    Console.Error.WriteLine($"Dispatcher cannot start: {ex.Message} Stop what holds it, or set Kestrel__Endpoints__Http__Url / Kestrel__Endpoints__Grpc__Url to free addresses.");
    return 2;
}
