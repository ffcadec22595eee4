using System.Collections.Concurrent;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>Requests waiting for the response that carries their id; the receive loop completes them, closing fails them all.</summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<ulong, Entry> _pending = new();

    /// <summary>Registers a wait for <paramref name="requestId"/>; the caller must <see cref="Remove"/> it when done.</summary>
    public Entry Add(ulong requestId)
    {
        var entry = new Entry(requestId);
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
        if (error is not null) entry.Completion.TrySetException(error);
        else entry.Completion.TrySetResult(response);
        return true;
    }

    public void FailAll(Exception reason)
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var entry)) entry.Completion.TrySetException(reason);
        }
    }

    /// <summary>One waiting request.</summary>
    public sealed class Entry(ulong requestId)
    {
        public ulong RequestId { get; } = requestId;
        public TaskCompletionSource<RpcFrame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
