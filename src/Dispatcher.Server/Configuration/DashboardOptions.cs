namespace Dispatcher.Server.Configuration;

/// <summary><c>Dispatcher:Dashboard</c>: the customers' web pages under <c>/dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>False: no pages are served and no portal links are minted (the REST API is unchanged).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a browser stays signed in, from sign-in (not sliding: a stolen cookie dies with it).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
