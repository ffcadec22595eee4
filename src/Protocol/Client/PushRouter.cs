using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Client;

/// <summary>The client's live push subscriptions: offers each push to every matching one and completes them all when the connection ends.</summary>
/// <remarks>Readers take a lock-free snapshot; adds and removes replace the array under the lock, so delivery never blocks on them.</remarks>
internal sealed class PushRouter
{
    private readonly Lock _lock = new();
    private PushSubscription[] _subscriptions = [];
    private bool _completed;

    /// <summary>Adds <paramref name="sub"/>; false once <see cref="CompleteAll"/> has run (the caller completes it).</summary>
    public bool TryAdd(PushSubscription sub)
    {
        lock (_lock)
        {
            if (_completed) return false;
            _subscriptions = [.. _subscriptions, sub];
            return true;
        }
    }

    public void Remove(PushSubscription sub)
    {
        lock (_lock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, sub));
        }
    }

    /// <summary>Offers <paramref name="item"/> to every subscription whose method and filter accept <paramref name="frame"/>; a throwing filter gets the error instead.</summary>
    public void Deliver(RpcFrame frame, InboundItem item)
    {
        foreach (var sub in Volatile.Read(ref _subscriptions))
        {
            if (!sub.Matches(frame)) continue;
            bool accepted;
            try
            {
                accepted = sub.Filter is null || sub.Filter(frame);
            }
            catch (Exception ex)
            {
                sub.Offer(new InboundItem(null, new InvalidOperationException($"Push filter threw on '{frame.Method}': {ex.Message}", ex)));
                continue;
            }
            if (accepted) sub.Offer(item);
        }
    }

    /// <summary>Completes every subscription and refuses new ones.</summary>
    public void CompleteAll()
    {
        PushSubscription[] subs;
        lock (_lock)
        {
            _completed = true;
            subs = _subscriptions;
            _subscriptions = [];
        }
        foreach (var sub in subs) sub.Complete();
    }
}
