using BenchmarkDotNet.Running;
using Dispatcher.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarkConfig).Assembly).Run(args, new MicroBenchmarkConfig());
