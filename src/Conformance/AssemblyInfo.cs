using NUnit.Framework;

// Cases are I/O-bound (loopback round trips, push waits), so more workers than the machine's cores pay off.
[assembly: LevelOfParallelism(6)]
