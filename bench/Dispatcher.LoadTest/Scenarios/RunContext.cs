using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>What every phase of one run shares: the settings, the receiver, Redis, Dispatcher and its REST client.</summary>
public sealed record RunContext(
    HarnessSettings Settings, LoadReceiver Receiver, RedisServer Redis, DispatcherServer Dispatcher, HttpClient Api, string LogDirectory);
