using System.Net.WebSockets;

namespace NitroConformance.Load.Workloads;

/// <summary>One echo connection with its receive buffer and a reusable per-round-trip timeout (no allocation per round trip).</summary>
internal sealed class EchoConnection(ClientWebSocket ws) : IDisposable
{
    private CancellationTokenSource? _timeout;
    private CancellationToken _linkedTo;

    public ClientWebSocket Ws { get; } = ws;
    public byte[] Buffer { get; } = new byte[4096];

    /// <summary>The timeout source for a round trip, linked to the run's token (re-linked only when the run changes).</summary>
    public CancellationTokenSource TimeoutFor(CancellationToken run)
    {
        if (_timeout is null || _linkedTo != run)
        {
            _timeout?.Dispose();
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(run);
            _linkedTo = run;
        }
        return _timeout;
    }

    /// <summary>Disarms the timeout after a round trip; false if it fired meanwhile (the connection is then retired).</summary>
    public bool TryRearm() => _timeout is null || _timeout.TryReset();

    public void Dispose()
    {
        _timeout?.Dispose();
        Ws.Dispose();
    }
}
