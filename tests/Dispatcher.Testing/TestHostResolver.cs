using System.Collections.Concurrent;
using System.Net;
using Dispatcher.Core.Trust;

namespace Dispatcher.Testing;

/// <summary>
/// The name resolver every test server uses instead of DNS, so no test ever sends a query off
/// this machine. Unless a test says otherwise, every name answers 203.0.113.10: public to the
/// policy, but a documentation address no test dials.
/// </summary>
public sealed class TestHostResolver : IHostResolver
{
    public static readonly IPAddress PublicAddress = IPAddress.Parse("203.0.113.10");

    /// <summary>The answer for a name; may change between calls (DNS rebinding) or throw a SocketException.</summary>
    public Func<string, IPAddress[]> Answer { get; set; } = _ => [PublicAddress];

    /// <summary>When set, answers instead of <see cref="Answer"/>, e.g. a look-up that never completes.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? AnswerAsync { get; set; }

    /// <summary>Every name asked, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        Asked.Enqueue(hostName);
        return AnswerAsync is { } answer ? answer(hostName, cancellationToken) : Task.FromResult(Answer(hostName));
    }
}
