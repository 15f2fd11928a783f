using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// One browser test: its own workspace, its own browser context (cookie jar) and receivers, and at the
/// end a check that neither the page (script errors, refused by the Content-Security-Policy) nor the
/// server (an error line) reported something the test did not expect.
/// </summary>
[Collection(DashboardCollection.Name)]
public abstract partial class DashboardTest(DashboardFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<TestReceiver> _receivers = [];
    private readonly List<string> _pageErrors = [];
    private int _serverLinesBefore;

    protected DashboardFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    /// <summary>This test's workspace; <see cref="Page"/> is not signed in to it yet.</summary>
    protected TestWorkspace Workspace { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        fixture.Output.RouteTo(output);
        fixture.EnsureServerRuns();
        _serverLinesBefore = fixture.Server.Lines.Count;
        Workspace = await fixture.NewWorkspaceAsync();
        Page = await NewPageAsync();
    }

    /// <summary>A page in a browser context of its own: another person, signed in to nothing.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await fixture.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                TestOutput.TryWriteLine(output, "browser console: " + message.Text);
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    Record("refused by the Content-Security-Policy: " + message.Text);
                }
            }
        };
        return page;
    }

    /// <summary>A Kestrel receiver on 127.0.0.1:0, stopped with the test.</summary>
    protected async Task<TestReceiver> ReceiverAsync()
    {
        var receiver = await TestReceiver.StartAsync();
        _receivers.Add(receiver);
        return receiver;
    }

    /// <summary>Signs <paramref name="page"/> in with an API key on the sign-in page.</summary>
    protected static async Task SignInWithKeyAsync(IPage page, string key)
    {
        await page.GotoAsync("/dashboard/sign-in");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// Signs <see cref="Page"/> in to <see cref="Workspace"/> (with its write key unless told) by posting the
    /// sign-in form as the browser would, without rendering it, then opens <paramref name="path"/>: the tests of
    /// other pages start there, and the sign-in tests drive the form itself. The cookies land in the page's context.
    /// </summary>
    protected async Task SignInAsync(string? key = null, string path = "/dashboard")
    {
        var form = await Page.APIRequest.GetAsync("/dashboard/sign-in");
        var token = AntiforgeryField().Match(await form.TextAsync());
        Assert.True(token.Success, "the sign-in page carries no antiforgery token");
        var signedIn = await Page.APIRequest.PostAsync("/dashboard/sign-in", new()
        {
            Form = Page.APIRequest.CreateFormData().Set("key", key ?? Workspace.WriteKey).Set("__RequestVerificationToken", token.Groups["value"].Value),
            MaxRedirects = 0,
        });
        Assert.True(signedIn.Status == 302, $"signing in answered {signedIn.Status}");
        await Page.GotoAsync(path);
        await Expect(Page.GetByTestId("workspace")).ToHaveTextAsync(Workspace.Id);
    }

    /// <summary>A webhook made through the REST API, subscribed to <c>link.clicked</c>; its create-time test event is awaited at the receiver.</summary>
    protected async Task<CreatedWebhook> CreateWebhookAsync(TestReceiver receiver)
    {
        var webhook = await Workspace.Api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await receiver.NextAsync();
        // Received is not yet logged: the test event's attempt is settled after the receiver answers.
        await DeliveryLog.UntilAsync(Workspace.Api, webhook.Id, log => log.Count > 0);
        return webhook;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private void Record(string error)
    {
        TestOutput.TryWriteLine(output, error);
        lock (_pageErrors)
        {
            _pageErrors.Add(error);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }
        fixture.Output.RouteTo(null);
        var serverErrors = fixture.Server.Lines.Skip(_serverLinesBefore).Where(l => ConsoleErrorLine.Parse(l) is not null).ToList();
        Assert.True(serverErrors.Count == 0, "the server logged errors during the test:\n" + string.Join('\n', serverErrors));
        Assert.True(_pageErrors.Count == 0, "the page reported errors:\n" + string.Join('\n', _pageErrors));
    }
}
