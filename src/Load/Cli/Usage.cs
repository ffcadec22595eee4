namespace NitroConformance.Load.Cli;

/// <summary>Help text.</summary>
public static class Usage
{
    /// <summary>The usage message.</summary>
    public const string Text = """
        NitroConformance load harness

          dotnet run --project src/Load [run] [options]      run a profile (default: short broadcast vs the embedded node)
          dotnet run --project src/Load capacity [options]   highest offered rate that keeps the profile's thresholds (SLO);
                                                             also what run does on a profile with a capacity: block
          dotnet run --project src/Load compare A B [--out F] deltas per metric between two runs
          dotnet run --project src/Load merge RUN... [--run-id ID] [--out DIR] [--threshold EXPR]
                                                             one report from several runs / shards (same thresholds)

        run options (environment NITRO_LOAD_<NAME> sets the same option, e.g. NITRO_LOAD_TARGET):
          --profile FILE         YAML profile (scenarios/load/*.yaml)
          --scenario NAME        broadcast | app-message | request-latency | session-churn | auth-storm | echo
                                 (another workload than the profile's starts from its default params)
          --target URL           embedded (default) or ws://127.0.0.1:PORT/ws
          --duration D --rate R  one open-model stage (R iterations/s for D, e.g. 30s)
          --copies N             one closed-model stage of N concurrent copies
          --warmup D             warm-up excluded from stats
          --sessions N --participants P --protocol 0.4|0.2 --param key=value
          --threshold EXPR       add a threshold, e.g. "broadcast.p99 < 50ms" (repeatable); --no-thresholds drops the profile's
          --shard i/N            run shard i of N (sessions split by index); merge the shards afterwards
          --max-iterations N --max-in-flight N --timeout D
          --budget D --max-rate R  capacity search: total time and highest rate offered (imply a capacity search)
          --out DIR              report root (default reports/load); --run-id ID names the run directory
          --quiet                no live progress (CI)

        exit codes: 0 ok, 99 a threshold failed, 2 bad input, 1 run failed
        """;
}
