using System.CommandLine;
using System.Globalization;
using Dispatcher.Cli.Api;
using Dispatcher.Cli.Commands;
using Dispatcher.Cli.Config;
using Dispatcher.Protocol.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.Cli.Listen;

/// <summary>
/// <c>dispatcher listen --forward-to URL</c>: registers a temporary webhook whose deliveries stream to
/// this process over gRPC, POSTs each to the local URL, and reports the local answer back.
/// </summary>
public static class ListenCommand
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(2);

    public static Command Build()
    {
        var forwardTo = new Option<string>("--forward-to") { Description = "local URL to POST each delivery to, e.g. http://localhost:3000/webhooks", Required = true };
        var events = new Option<string?>("--events") { Description = "comma-separated event names of the format (default: every event)" };
        var format = new Option<string?>("--format") { Description = "the deliveries' format (default: the deployment's)" };
        var printBody = new Option<bool>("--print-body") { Description = "also print each request's body, as sent, under its line" };
        var command = new Command("listen", "forward your workspace's webhooks to a local URL until Ctrl-C (no public URL needed)") { forwardTo, events, format, printBody };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var connection = Connection.From(parse);
            var target = Connection.ParseUrl(parse.GetValue(forwardTo), Connection.DefaultUrl, "--forward-to");
            var request = new ListenRequest { Format = parse.GetValue(format) ?? "" };
            request.Events.AddRange(WebhookCommands.SplitList(parse.GetValue(events)));
            return await RunAsync(connection, connection.RequireApiKey(), target, request, parse.GetValue(printBody), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(Connection connection, string apiKey, Uri target, ListenRequest request, bool printBody, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(connection.GrpcUrl);
        var client = new CliListener.CliListenerClient(channel);
        var auth = new Metadata { { "authorization", $"Bearer {apiKey}" } };
        using var forwarder = new LocalForwarder(target);
        var delivered = new DeliveredCache();
        var inFlight = new List<Task>();
        string? webhookId = null;
        var delay = TimeSpan.FromMilliseconds(200);
        try
        {
            while (true)
            {
                request.WebhookId = webhookId ?? "";
                try
                {
                    using var call = client.Listen(request, auth, cancellationToken: cancellationToken);
                    await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (message.KindCase == ListenMessage.KindOneofCase.Started)
                        {
                            Started(message.Started, target, reconnected: webhookId is not null);
                            webhookId = message.Started.WebhookId;
                            delay = TimeSpan.FromMilliseconds(200);
                        }
                        else if (message.KindCase == ListenMessage.KindOneofCase.Delivery && webhookId is not null)
                        {
                            inFlight.RemoveAll(t => t.IsCompleted);
                            inFlight.Add(HandleAsync(client, auth, forwarder, delivered, webhookId, message.Delivery, printBody, cancellationToken));
                        }
                    }
                    await Console.Error.WriteLineAsync("the server closed the stream; reconnecting…").ConfigureAwait(false);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
                {
                    throw new CliException(ExitCodes.Unauthorized, $"the server refused the API key ({ex.Status.Detail}): check --api-key, DISPATCHER_API_KEY or `dispatcher login`");
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
                {
                    // A key whose scope is not 'write', or whose workspace an operator suspended: reconnecting cannot help.
                    throw new CliException(ExitCodes.Unauthorized, $"the server refused the API key: {ex.Status.Detail}");
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.ResourceExhausted)
                {
                    throw new CliException(webhookId is null ? ExitCodes.Usage : ExitCodes.Failed, ex.Status.Detail);
                }
                catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
                {
                    if (webhookId is null)
                    {
                        throw new CliException(ExitCodes.Unreachable, $"cannot reach the gRPC server at {connection.GrpcUrl}: {ex.Status.Detail}");
                    }
                    await Console.Error.WriteLineAsync($"connection lost ({ex.StatusCode}); reconnecting to {webhookId}…").ConfigureAwait(false);
                }
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (webhookId is not null)
            {
                await DeleteAsync(connection, apiKey, webhookId).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (webhookId is not null)
            {
                await DeleteAsync(connection, apiKey, webhookId).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
    }

    private static void Started(ListenStarted started, Uri target, bool reconnected)
    {
        if (reconnected)
        {
            Console.Error.WriteLine($"reconnected to {started.WebhookId}");
            return;
        }
        Console.WriteLine($"Ready: temporary webhook {started.WebhookId} ({started.Format}, events {string.Join(",", started.Events)}) forwards to {target}");
        // The signing secret, so the developer's own verification code runs unchanged.
        Console.WriteLine($"Your webhook signing secret is {started.Secret}");
        Console.WriteLine("Ctrl-C removes the temporary webhook.");
    }

    private static async Task HandleAsync(
        CliListener.CliListenerClient client, Metadata auth, LocalForwarder forwarder, DeliveredCache delivered,
        string webhookId, ForwardedDelivery delivery, bool printBody, CancellationToken cancellationToken)
    {
        // Already accepted locally before a dropped connection: report it again, do not POST it twice.
        bool repeat = delivered.TryGet(delivery.DeliveryId, out var result);
        if (!repeat)
        {
            result = await forwarder.ForwardAsync(delivery, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                delivered.Add(delivery.DeliveryId, result);
            }
            Print(delivery, result, printBody);
        }
        try
        {
            await client.ReportResultAsync(new DeliveryReport
            {
                WebhookId = webhookId,
                AttemptId = delivery.AttemptId,
                StatusCode = result.StatusCode,
                Error = result.Error ?? "",
                ResponseBody = result.ResponseBody,
            }, auth, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // The server went away: it re-sends the delivery after it is back, and the cache answers then.
            await Console.Error.WriteLineAsync($"could not report {delivery.DeliveryId} ({ex.StatusCode}); it will be re-sent").ConfigureAwait(false);
        }
    }

    private static void Print(ForwardedDelivery delivery, LocalResult result, bool printBody)
    {
        string outcome = result.StatusCode == 0 ? $"failed: {result.Error}" : result.StatusCode.ToString(CultureInfo.InvariantCulture);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss}  {delivery.EventType}  {delivery.EventId}  [{delivery.DeliveryId} #{delivery.Attempt}]  --> {outcome}  ({result.Latency.TotalMilliseconds:0} ms)");
        if (printBody)
        {
            // The body as sent (the bytes the signature covers), as Elido's CLI prints each event's.
            line += Environment.NewLine + delivery.Body.ToStringUtf8();
        }
        // Console.Out is synchronized: concurrent deliveries print whole lines (with a body, as one write).
        Console.WriteLine(line);
    }

    private static async Task DeleteAsync(Connection connection, string apiKey, string webhookId)
    {
        try
        {
            using var api = new ApiClient(connection.Url, apiKey, TimeSpan.FromSeconds(5));
            await api.SendAsync(HttpMethod.Delete, WebhookCommands.PathOf(webhookId), null, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"deleted the temporary webhook {webhookId}");
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"dispatcher: could not delete the temporary webhook {webhookId}: {ex.Message}; delete it with `dispatcher webhooks delete {webhookId}`").ConfigureAwait(false);
        }
    }
}
