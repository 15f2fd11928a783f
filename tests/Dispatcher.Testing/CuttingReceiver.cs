using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dispatcher.Testing;

/// <summary>
/// A bare HTTP/1.1 receiver on 127.0.0.1:0 whose first <c>cuts</c> answers start (200 and a few
/// bytes of a longer promised body) and then end with a clean close, so the sender's read fails
/// mid-body; later answers are a plain 200. Kestrel cannot do this: its abort resets the
/// connection, and a reset may discard the headers before the sender reads them.
/// </summary>
public sealed class CuttingReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _cuts;
    private readonly Task _accepting;
    private int _requests;

    public CuttingReceiver(int cuts)
    {
        _cuts = cuts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream))
                {
                    if (Interlocked.Increment(ref _requests) <= _cuts)
                    {
                        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"partial\":"u8.ToArray(), _stop.Token);
                        client.Client.Shutdown(SocketShutdown.Send);
                        // Drain until the sender closes, so our close sends no reset.
                        while (await stream.ReadAsync(new byte[256], _stop.Token) > 0)
                        {
                        }
                        return;
                    }
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The sender went away or the receiver is stopping.
            }
        }
    }

    /// <summary>Reads one request (headers, then a Content-Length body); false at the end of the connection.</summary>
    private async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return false;
            }
            head.Append((char)one[0]);
        }
        var length = head.ToString().Split("\r\n")
            .FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } line
            ? int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return true;
    }
}
