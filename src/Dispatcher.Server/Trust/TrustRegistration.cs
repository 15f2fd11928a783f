using System.Net;
using Dispatcher.Core.Trust;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Trust;

/// <summary>Registers the rules of trust for outbound deliveries from <c>Dispatcher:Endpoints</c>.</summary>
public static class TrustRegistration
{
    public static IServiceCollection AddEndpointTrust(this IServiceCollection services)
    {
        // TryAdd: a test registers its own resolver first, to answer names without DNS.
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(sp =>
        {
            var endpoints = sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Endpoints;
            return new AddressPolicy(endpoints.AllowLocal, endpoints.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToList());
        });
        services.AddSingleton(sp => CertificateTrust.FromPemFiles(
            sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Endpoints.TrustedCaCertificates));
        services.AddSingleton<EndpointTrust>();
        services.AddSingleton<TrustedConnector>();
        return services;
    }
}
