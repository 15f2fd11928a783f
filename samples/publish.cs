#:project ../src/Dispatcher.Client/Dispatcher.Client.csproj
// Publishes one sample event with the SDK: dotnet run samples/publish.cs [event-type] [workspace]
// Uses the Development server's address and sample producer key unless DISPATCHER_GRPC_URL and
// DISPATCHER_PRODUCER_KEY say otherwise.
using System.Text;
using Dispatcher.Client.Publishing;

string type = args.Length > 0 ? args[0] : "link.clicked";
string workspace = args.Length > 1 ? args[1] : "ws_demo";
string id = "evt_" + Guid.NewGuid().ToString("N")[..16];
string data = """{"linkId":"lnk_8f3c_a91","shortCode":"promo-2026","longUrl":"https://example.com/long/path","country":"SA","device":"mobile","os":"iOS","referrer":"https://t.co/abc"}""";

await using var publisher = new DispatcherPublisher(new PublisherOptions
{
    Address = new Uri(Environment.GetEnvironmentVariable("DISPATCHER_GRPC_URL") ?? "http://127.0.0.1:8081"),
    ProducerKey = Environment.GetEnvironmentVariable("DISPATCHER_PRODUCER_KEY") ?? "dev_producer_key",
});
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
var result = await publisher.PublishAsync(workspace, type, id, Encoding.UTF8.GetBytes(data), cancellationToken: timeout.Token);
Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()} {id} {type} (workspace {workspace}){(result.Message.Length > 0 ? ": " + result.Message : "")}");
return result.Status == PublishStatus.Rejected ? 1 : 0;
