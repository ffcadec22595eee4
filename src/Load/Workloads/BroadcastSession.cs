using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Load.Workloads;

/// <summary>One app session of the broadcast workload: its members' connections, version, pre-signed submits and the event in flight.</summary>
internal sealed class BroadcastSession(int index, AuthenticatedConnection[] members)
{
    private readonly Lock _gate = new();
    private readonly Queue<(ulong Version, long SignedAtMs, SignedRequest Request)> _ready = new();

    /// <summary>Global session index.</summary>
    public int Index { get; } = index;

    /// <summary>Connections in definition order (position = index).</summary>
    public AuthenticatedConnection[] Members { get; } = members;

    /// <summary>App session id as returned by create_app_session.</summary>
    public string Id { get; set; } = "";

    /// <summary>Highest version known to be current on the node.</summary>
    public ulong Version { get; private set; } = 1;

    /// <summary>The event whose pushes are awaited, or null.</summary>
    public volatile FanOutEvent? Current;

    // The last few events by version, so a push that arrives after its event ended is still charged to the iteration that caused it.
    private readonly FanOutEvent?[] _recent = new FanOutEvent?[8];

    /// <summary>Makes <paramref name="ev"/> the event in flight and remembers it.</summary>
    public void Begin(FanOutEvent ev)
    {
        lock (_gate) _recent[ev.Version % (ulong)_recent.Length] = ev;
        Current = ev;
    }

    /// <summary>Intended start of the iteration that caused version <paramref name="version"/>, if it is recent, else null.</summary>
    public long? IntendedOf(ulong version)
    {
        lock (_gate) return _recent[version % (ulong)_recent.Length] is { } ev && ev.Version == version ? ev.IntendedTimestamp : null;
    }

    /// <summary>Raises the known version (from a response or any push).</summary>
    public void Observe(ulong version)
    {
        lock (_gate) if (version > Version) Version = version;
    }

    /// <summary>Which member submits a given version (rotates through the participants).</summary>
    public AuthenticatedConnection SubmitterFor(ulong version) => Members[(int)(version % (ulong)Members.Length)];

    /// <summary>Takes the pre-signed submit for the next version, or null when none is ready (the caller then signs inline).</summary>
    public (ulong Version, SignedRequest Request)? TakeNext()
    {
        lock (_gate)
        {
            while (_ready.Count > 0 && _ready.Peek().Version <= Version) _ready.Dequeue();
            if (_ready.Count > 0 && _ready.Peek().Version == Version + 1)
            {
                var item = _ready.Dequeue();
                return (item.Version, item.Request);
            }
            _ready.Clear();
            return null;
        }
    }

    /// <summary>Tops the queue up to <paramref name="depth"/> and re-signs entries older than <paramref name="maxAgeMs"/>.</summary>
    public int Refill(int depth, long nowMs, long maxAgeMs, Func<ulong, SignedRequest> sign)
    {
        lock (_gate)
        {
            var signedNow = 0;
            while (_ready.Count > 0 && _ready.Peek().Version <= Version) _ready.Dequeue();
            if (_ready.Count > 0 && (_ready.Peek().Version != Version + 1 || nowMs - _ready.Peek().SignedAtMs > maxAgeMs)) _ready.Clear();
            var next = _ready.Count == 0 ? Version + 1 : _ready.Last().Version + 1;
            while (_ready.Count < depth)
            {
                _ready.Enqueue((next, nowMs, sign(next)));
                next++;
                signedNow++;
            }
            return signedNow;
        }
    }
}
