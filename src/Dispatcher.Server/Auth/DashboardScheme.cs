namespace Dispatcher.Server.Auth;

/// <summary>
/// The name of the dashboard's session scheme, here so that the REST API's policies can accept a
/// dashboard session beside an API key without the API depending on the dashboard.
/// </summary>
public static class DashboardScheme
{
    public const string Name = "Dashboard";
}
