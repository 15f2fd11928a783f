namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// Every browser test shares one redis-server, one server process and one Chromium (a new browser
/// context, i.e. a fresh cookie jar, per test): starting them is most of the assembly's time. Each
/// test isolates itself in a workspace of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
