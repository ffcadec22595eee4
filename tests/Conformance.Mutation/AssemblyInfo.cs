using NUnit.Framework;

// One case at a time even where the runsettings are not applied (Stryker starts the test host with its own).
[assembly: LevelOfParallelism(1)]
