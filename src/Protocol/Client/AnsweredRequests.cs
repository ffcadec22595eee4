namespace NitroConformance.Protocol.Client;

/// <summary>The most recently answered request ids of one client (bounded), each with its method and first response,
/// so that a later frame carrying one of them is recognised as a second answer. A capacity of 0 turns the memory off
/// (load clients: no lock or table work per response).</summary>
internal sealed class AnsweredRequests(int capacity, bool keepResponses)
{
    private readonly Dictionary<ulong, Answer> _byId = [];
    // Oldest first; an entry whose serial no longer matches (forgotten, or answered again later) is skipped on eviction.
    private readonly Queue<(ulong Id, long Serial)> _order = new();
    private readonly Lock _lock = new();
    private long _serial;

    /// <summary>Records that <paramref name="requestId"/> (a <paramref name="method"/> request) was answered by <paramref name="response"/>.</summary>
    public void Remember(ulong requestId, string method, string response)
    {
        if (capacity == 0) return;
        lock (_lock)
        {
            var serial = ++_serial;
            // The text is the one the frame log already holds; without a log (load) it is not kept, to bound memory.
            _byId[requestId] = new Answer(method, keepResponses ? response : null, serial);
            _order.Enqueue((requestId, serial));
            while (_order.Count > capacity)
            {
                var (id, old) = _order.Dequeue();
                if (_byId.TryGetValue(id, out var a) && a.Serial == old) _byId.Remove(id);
            }
        }
    }

    /// <summary>A new request reuses <paramref name="requestId"/>: its answer will be a first one again.</summary>
    public void Forget(ulong requestId)
    {
        if (capacity == 0) return;
        lock (_lock) _byId.Remove(requestId);
    }

    /// <summary>The earlier answer to <paramref name="requestId"/>, if it is still remembered.</summary>
    public bool TryGet(ulong requestId, out Answer answer)
    {
        answer = default;
        if (capacity == 0) return false;
        lock (_lock) return _byId.TryGetValue(requestId, out answer);
    }

    /// <summary>One remembered answer: the request's method and the first response text (null when not kept).</summary>
    internal readonly record struct Answer(string Method, string? FirstResponse, long Serial);
}
