using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Testing;

/// <summary>
/// A real Kestrel webhook receiver on 127.0.0.1:0. It records every request and answers with
/// whatever <see cref="Respond"/> says (200 by default).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);
    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _all = [];

    private TestReceiver(WebApplication app) => _app = app;

    /// <summary>Decides the status code for each request; may await (e.g. to hang).</summary>
    public Func<ReceivedRequest, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    /// <summary>When true for a request, the connection is dropped instead of answered.</summary>
    public Func<ReceivedRequest, bool> Abort { get; set; } = _ => false;

    /// <summary>Extra response headers, given the number of requests received so far (this one included).</summary>
    public Func<int, IReadOnlyDictionary<string, string>> Headers { get; set; } = _ => new Dictionary<string, string>();

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Url(string path = "/hook") => new(BaseAddress, path);

    public IReadOnlyList<ReceivedRequest> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static Task<TestReceiver> StartAsync() => StartAsync(null);

    /// <summary>Starts a receiver; with a certificate it serves HTTPS on 127.0.0.1:0, presenting it.</summary>
    public static async Task<TestReceiver> StartAsync(X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The server's appsettings.json sits in this folder too; its Kestrel endpoints are not ours.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>Waits for the next request to arrive (not one already taken).</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            return await _arrivals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the receiver expected a request within {(timeout ?? DefaultWait).TotalSeconds} s; it has had {All.Count}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Path + context.Request.QueryString, headers, buffer.ToArray(), DateTimeOffset.UtcNow);
        lock (_all)
        {
            _all.Add(request);
        }
        int count;
        lock (_all)
        {
            count = _all.Count;
        }
        _arrivals.Writer.TryWrite(request);
        if (Abort(request))
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = await Respond(request, context.RequestAborted);
        foreach (var (name, value) in Headers(count))
        {
            context.Response.Headers[name] = value;
        }
    }
}
