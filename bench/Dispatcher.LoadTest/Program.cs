using Dispatcher.LoadTest;
using Dispatcher.LoadTest.Producing;

// "produce …" is the producer process the harness starts; anything else runs the harness.
if (args.Length > 0 && args[0] == ProducerCommand.Verb)
{
    return await ProducerCommand.RunAsync(args[1..]);
}
return await Harness.RunAsync(args);
