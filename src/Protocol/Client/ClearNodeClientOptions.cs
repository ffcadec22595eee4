using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>Settings for <see cref="ClearNodeClient"/>.</summary>
public sealed record ClearNodeClientOptions
{
    /// <summary>How long <see cref="ClearNodeClient.ConnectAsync"/> may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default wait for a response when a call passes no timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a clean close may wait for the server's close frame before aborting.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Request timestamp source in Unix ms; null = system clock.</summary>
    public Func<ulong>? ClockMs { get; init; }

    /// <summary>When set, every server frame's <c>sig[0]</c> must recover (over the raw <c>res</c> bytes) to this address.</summary>
    public string? ExpectedBroker { get; init; }

    /// <summary>Keep every sent and received frame in <see cref="ClearNodeClient.FrameLog"/>; turn off for load.</summary>
    public bool FrameLogEnabled { get; init; } = true;

    /// <summary>The first request id this client uses; ids then increase by one per request.</summary>
    public ulong FirstRequestId { get; init; } = 1;

    /// <summary>Pushes buffered per subscription; beyond it the oldest are dropped (and counted).</summary>
    public int PushBufferCapacity { get; init; } = 4096;

    /// <summary>Unmatched responses buffered for <see cref="ClearNodeClient.NextResponseAsync"/>; beyond it the oldest are dropped.</summary>
    public int UnmatchedBufferCapacity { get; init; } = 1024;

    /// <summary>How many answered request ids are remembered to recognise a second response to one of them
    /// (<see cref="DuplicateResponseException"/>); older ids are forgotten and a late answer to one goes to the unmatched queue; 0 = off.</summary>
    public int AnsweredRequestMemory { get; init; } = 4096;

    /// <summary>An inbound message larger than this closes the connection (protects the client's memory).</summary>
    public int MaxFrameBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Create <see cref="ClearNodeClient.InitialPushes"/> (all methods) before the first frame is read, so pushes sent
    /// right after the upgrade (the <c>assets</c> notification) are kept. Bounded by <see cref="PushBufferCapacity"/>.</summary>
    public bool SubscribeOnConnect { get; init; }

    /// <summary>Called on the receive loop for every push (request id 0) with its receipt timestamp; keep it cheap.</summary>
    public Action<RpcFrame>? PushObserver { get; init; }
}
