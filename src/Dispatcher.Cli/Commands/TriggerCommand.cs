using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Cli.Config;
using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dispatcher.Cli.Commands;

/// <summary><c>dispatcher trigger &lt;event-type&gt;</c>: publishes a sample event through the SDK's gRPC publisher and prints the ack.</summary>
public static class TriggerCommand
{
    /// <summary>The Development sample workspace, used when no workspace is given anywhere.</summary>
    public const string DefaultWorkspace = "ws_demo";

    public static Command Build()
    {
        var type = new Argument<string>("event-type") { Description = "a catalogue event type, e.g. link.clicked" };
        var data = new Option<string?>("--data") { Description = "the event's data: inline JSON or @file.json (default: the type's sample)" };
        var workspace = new Option<string?>("--workspace") { Description = $"workspace to publish for (env DISPATCHER_WORKSPACE; default {DefaultWorkspace})" };
        var id = new Option<string?>("--id") { Description = "the event id (default: a fresh evt_cli_…)" };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for the ack (default 10)", DefaultValueFactory = _ => 10 };
        var command = new Command("trigger", "publish a realistic sample event of a type") { type, data, workspace, id, timeout };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var connection = Connection.From(parse);
            string eventType = parse.GetRequiredValue(type);
            string json = DataOf(eventType, parse.GetValue(data));
            string ws = Connection.Pick(parse.GetValue(workspace), "DISPATCHER_WORKSPACE", ConfigFile.Read().Workspace) ?? DefaultWorkspace;
            var evt = new Event
            {
                Id = parse.GetValue(id) ?? $"evt_cli_{Guid.NewGuid():N}",
                Type = eventType,
                WorkspaceId = ws,
                CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(json)),
            };
            var result = await PublishAsync(connection, evt, TimeSpan.FromSeconds(parse.GetValue(timeout)), ct).ConfigureAwait(false);
            Print(result, eventType, parse.GetValue(GlobalOptions.Json));
            return result.Status == PublishStatus.Rejected ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<PublishResult> PublishAsync(Connection connection, Event evt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var publisher = new DispatcherPublisher(new PublisherOptions
        {
            Address = connection.GrpcUrl,
            ProducerKey = connection.RequireProducerKey(),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await publisher.PublishAsync(evt, deadline.Token).ConfigureAwait(false);
            await publisher.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        catch (PublisherFaultedException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied })
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
            throw new CliException(ExitCodes.Unauthorized, "the server refused the producer key (Unauthenticated): check --producer-key, DISPATCHER_PRODUCER_KEY or `dispatcher login`");
        }
        catch (PublisherFaultedException ex)
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
            throw new CliException(ExitCodes.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not disposed: disposing waits (up to 30 s) for the unacknowledged event, and the process ends right after anyway.
            throw new CliException(ExitCodes.Unreachable, $"no answer from the gRPC server at {connection.GrpcUrl} within {timeout.TotalSeconds:0} s (is it running?)");
        }
    }

    private static string DataOf(string eventType, string? data)
    {
        string text;
        if (data is null)
        {
            if (!EventSamples.TryGet(eventType, out text))
            {
                throw new CliException(ExitCodes.Usage, $"no sample for '{eventType}'; pass --data, or use one of: {string.Join(", ", EventSamples.Types)}");
            }
            return text;
        }
        if (data.StartsWith('@'))
        {
            string path = data[1..];
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Usage, $"cannot read --data file {path}: {ex.Message}");
            }
        }
        else
        {
            text = data;
        }
        try
        {
            if (JsonNode.Parse(text) is not JsonObject)
            {
                throw new CliException(ExitCodes.Usage, "--data must be one JSON object");
            }
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"--data is not valid JSON: {ex.Message}");
        }
        return text;
    }

    private static void Print(PublishResult result, string type, bool json)
    {
        string status = result.Status.ToString().ToLowerInvariant();
        if (json)
        {
            var ack = new JsonObject { ["id"] = result.Id, ["type"] = type, ["workspaceId"] = result.WorkspaceId, ["status"] = status };
            if (result.Status == PublishStatus.Rejected)
            {
                ack["reason"] = result.Reason.ToString();
                ack["message"] = result.Message;
            }
            Console.WriteLine(ack.ToJsonString());
            return;
        }
        Console.WriteLine(result.Status == PublishStatus.Rejected
            ? $"rejected {result.Id} {type}: {result.Reason} {result.Message}"
            : $"{status} {result.Id} {type} (workspace {result.WorkspaceId})");
    }
}
