using System.Collections.Concurrent;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>Requests waiting for the response that carries their id; the receive loop completes them, closing fails them all.
/// The ids answered last are remembered, so a second response to one of them is told apart from a stray frame.</summary>
internal sealed class PendingRequests(int answeredMemory, bool keepResponses)
{
    private readonly ConcurrentDictionary<ulong, Entry> _pending = new();
    private readonly AnsweredRequests _answered = new(answeredMemory, keepResponses);

    /// <summary>Registers a wait for a <paramref name="method"/> request with <paramref name="requestId"/>; the caller must <see cref="Remove"/> it when done.</summary>
    public Entry Add(ulong requestId, string method)
    {
        // A request that reuses an answered id (a resend) starts afresh: its answer is a first answer, not a second one.
        _answered.Forget(requestId);
        var entry = new Entry(requestId, method);
        if (!_pending.TryAdd(requestId, entry))
            throw new InvalidOperationException($"Request id {requestId} is already waiting for a response on this client.");
        return entry;
    }

    /// <summary>Removes <paramref name="entry"/> only if it is still the one registered under its id.</summary>
    public void Remove(Entry entry) => _pending.TryRemove(new KeyValuePair<ulong, Entry>(entry.RequestId, entry));

    /// <summary>Completes the request <paramref name="response"/> answers (with <paramref name="error"/> when it is set); false when none waits.</summary>
    public bool TryComplete(RpcFrame response, Exception? error)
    {
        if (!_pending.TryRemove(response.RequestId, out var entry)) return false;
        _answered.Remember(response.RequestId, entry.Method, response.Text);
        if (error is not null) entry.Completion.TrySetException(error);
        else entry.Completion.TrySetResult(response);
        return true;
    }

    /// <summary>The violation when <paramref name="response"/> answers a request that was already answered, else null.</summary>
    public DuplicateResponseException? SecondAnswer(RpcFrame response) =>
        _answered.TryGet(response.RequestId, out var first) ? new DuplicateResponseException(first.Method, first.FirstResponse, response) : null;

    /// <summary>A frame sent outside this registry (raw text) reuses <paramref name="requestId"/>; its answer is no duplicate.</summary>
    public void ForgetAnswered(ulong requestId) => _answered.Forget(requestId);

    public void FailAll(Exception reason)
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var entry)) entry.Completion.TrySetException(reason);
        }
    }

    /// <summary>One waiting request.</summary>
    public sealed class Entry(ulong requestId, string method)
    {
        public ulong RequestId { get; } = requestId;
        public string Method { get; } = method;
        public TaskCompletionSource<RpcFrame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
