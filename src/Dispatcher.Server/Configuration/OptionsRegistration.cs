using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Configuration;

public static class OptionsRegistration
{
    /// <summary>The <c>Dispatcher</c> section, validated at start-up: a bad setting stops the server with every error listed.</summary>
    public static IServiceCollection AddDispatcherOptions(this IServiceCollection services)
    {
        services.AddOptions<DispatcherOptions>().BindConfiguration(DispatcherOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        return services;
    }
}
