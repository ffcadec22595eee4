namespace NitroConformance.Load.Workloads.Bank;

/// <summary>One app session the bank drives through create → operate × n → close, one step per iteration; one step at a time.</summary>
internal sealed class BankSessionSlot
{
    private int _busy;

    /// <summary>Open session id, or null when the next step is a create.</summary>
    public string? SessionId { get; set; }

    /// <summary>The two participants (indexes into the bank's wallets); the first signs submits and close.</summary>
    public (int A, int B) Members { get; set; }

    /// <summary>Current shares of A and B.</summary>
    public (decimal A, decimal B) Shares { get; set; }

    /// <summary>Version of the last accepted state.</summary>
    public ulong Version { get; set; }

    /// <summary>Operate submits accepted since create.</summary>
    public int Operates { get; set; }

    /// <summary>Claims the slot for one step; false when another iteration is on it.</summary>
    public bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Releases the slot.</summary>
    public void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Forgets the session (closed, or abandoned after a failed step; the audit still reads its shares).</summary>
    public void Reset()
    {
        SessionId = null;
        Operates = 0;
        Version = 0;
    }
}
