using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTest.Receiving;

/// <summary>
/// The webhook receiver of every phase: Kestrel on 127.0.0.1:0, <c>POST /hook/{n}</c> for
/// Dispatcher's endpoints and wrk, <c>POST /hook?ep=n</c> for the peers. It answers 200 at once and
/// hands each request to the current <see cref="ArrivalPhase"/>.
/// </summary>
public sealed class LoadReceiver : IAsyncDisposable
{
    private const int MaxBody = 64 * 1024;

    private readonly WebApplication _app;
    private volatile ArrivalPhase? _phase;
    private long _outOfPhase;

    private LoadReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests that came while no phase was recording (stragglers of an earlier phase).</summary>
    public long OutOfPhase => Interlocked.Read(ref _outOfPhase);

    public static async Task<LoadReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The server's appsettings.json sits in this folder too; its Kestrel endpoints are not ours.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBody);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoadReceiver(app);
        app.MapPost("/hook/{n:int}", (HttpContext context, int n) => receiver.HandleAsync(context, n));
        app.MapPost("/hook", (HttpContext context) =>
            receiver.HandleAsync(context, int.TryParse(context.Request.Query["ep"], out int n) ? n : -1));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>Records into <paramref name="phase"/> from now on (null: record nothing).</summary>
    public void Begin(ArrivalPhase? phase) => _phase = phase;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, int endpoint)
    {
        int length = (int)Math.Min(context.Request.ContentLength ?? MaxBody, MaxBody);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            int read = 0, n;
            while (read < buffer.Length && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted)) > 0)
            {
                read += n;
            }
            long now = Clock.NowMicros();
            var phase = _phase;
            if (phase is null)
            {
                Interlocked.Increment(ref _outOfPhase);
            }
            else
            {
                // /hook/{n} carries the global index; the peers' ?ep=n is relative to a phase based at 0.
                phase.Record(endpoint, buffer.AsSpan(0, read), context.Request.Headers["CD4CD-Signature"], now);
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
