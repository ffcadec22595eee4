using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// How the fan-out workload makes one session event reach every participant: what is signed and sent, how a delivered
/// frame is recognised, and which metric names the samples carry. The fan-out core (<see cref="BroadcastScenario"/>)
/// does the rest: sessions, pre-signing, timing and the push error counters.
/// </summary>
public abstract class FanOutDelivery
{
    /// <summary>Workload name in reports.</summary>
    public abstract string WorkloadName { get; }

    /// <summary>Per-recipient delivery latency (the headline).</summary>
    public abstract string RecipientMetric { get; }

    /// <summary>Latency of the last recipient of each event.</summary>
    public abstract string LastMetric { get; }

    /// <summary>The sender's response latency.</summary>
    public abstract string SendMetric { get; }

    /// <summary>What is pre-signed, in the report's words ("submits", "messages").</summary>
    public abstract string Noun { get; }

    /// <summary>What goes over the wire, for the report's notes.</summary>
    public abstract string Describe(BroadcastOptions options);

    /// <summary>True when the sender receives its own event as well (asu goes to every participant; a relay skips the sender).</summary>
    public abstract bool SenderReceives { get; }

    /// <summary>True when deliveries arrive as pushes (the connection's push observer); false when they arrive as request frames.</summary>
    public abstract bool ArrivesAsPush { get; }

    /// <summary>Signs the request that makes version <paramref name="version"/> of <paramref name="session"/> happen.</summary>
    internal abstract SignedRequest Sign(BroadcastSession session, ulong version, BroadcastOptions options);

    /// <summary>
    /// For deliveries that do not arrive as pushes: starts one reader per member connection that hands every frame to
    /// <paramref name="onFrame"/> (session, position, frame) until <paramref name="stop"/>.
    /// </summary>
    internal virtual IEnumerable<Task> Listen(IReadOnlyList<BroadcastSession> sessions, Action<BroadcastSession, int, RpcFrame> onFrame, CancellationToken stop) => [];

    /// <summary>True and the session id and version when <paramref name="frame"/> is one delivery of this kind.</summary>
    public abstract bool TryRead(RpcFrame frame, out string sessionId, out ulong version);
}
