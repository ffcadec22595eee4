using BenchmarkDotNet.Running;
using NitroConformance.Benchmarks;

// Benchmarks are discovered by reflection: SigningBenchmarks and KeccakBenchmarks (crypto layer).
// Frame encode/parse benchmarks belong in Wire/ (e.g. Wire/FrameBenchmarks.cs) and need no registration here.
// Run e.g.: dotnet run -c Release --project bench/Benchmarks -- --filter '*Sign*' --job short
// CPU-time throughput on one thread: dotnet run -c Release --project bench/Benchmarks -- --cpu-throughput [ops]
if (args.Length > 0 && args[0] == "--cpu-throughput") return CpuThroughput.Run(args);
// Ours next to Nethereum (README "Dependencies and why"): dotnet run -c Release --project bench/Benchmarks -- --library-comparison [ops]
if (args.Length > 0 && args[0] == "--library-comparison") return LibraryComparison.Run(args);
if (args.Length > 0 && args[0] == "--frame-cpu-throughput") return NitroConformance.Benchmarks.Wire.FrameCpuThroughput.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
