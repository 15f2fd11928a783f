using System.Globalization;

namespace Dispatcher.Testing;

public static class ClaimWaits
{
    /// <summary>
    /// Waits until the server's pumps have claimed <paramref name="count"/> deliveries in all, read from
    /// their <c>DeliveriesClaimed</c> events ("Partition P: claimed N deliveries of webhook …").
    /// </summary>
    public static async Task WaitForClaimsAsync(this DispatcherTestServer server, int count)
    {
        int claimed = 0;
        for (int occurrence = 1; claimed < count; occurrence++)
        {
            string message = await server.Logs.WaitForAsync("DeliveriesClaimed", occurrence);
            claimed += int.Parse(message.Split(' ')[3], CultureInfo.InvariantCulture);
        }
    }
}
