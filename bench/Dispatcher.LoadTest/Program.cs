using Dispatcher.LoadTest;
using Dispatcher.LoadTest.Producing;

// "produce …" is the producer process the harness starts; "ab-report …" writes bench/ab.sh's table;
// anything else runs the harness.
if (args.Length > 0 && args[0] == ProducerCommand.Verb)
{
    return await ProducerCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == AbReportCommand.Verb)
{
    return await AbReportCommand.RunAsync(args[1..]);
}
return await Harness.RunAsync(args);
