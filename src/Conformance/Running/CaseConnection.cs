using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>One WebSocket connection of a case wallet: sends requests, records frames, collects every push since the upgrade.</summary>
public sealed class CaseConnection : IAsyncDisposable
{
    private readonly PushSubscription _pushes;
    private readonly List<RpcFrame> _recent = [];

    private readonly AuthRequestCounter _authRequests;
    private readonly ConcurrentDictionary<string, int> _pushCounts;

    private CaseConnection(string owner, ClearNodeClient client, AuthRequestCounter authRequests, ConcurrentDictionary<string, int> pushCounts)
    {
        Owner = owner;
        Client = client;
        _authRequests = authRequests;
        _pushCounts = pushCounts;
        // Subscribed by the client before its receive loop starts, so the on-connect assets push is never missed.
        _pushes = client.InitialPushes ?? throw new InvalidOperationException("the client was opened without SubscribeOnConnect");
    }

    /// <summary>Wallet name (or <c>anonymous</c>).</summary>
    public string Owner { get; }

    /// <summary>The protocol client.</summary>
    public ClearNodeClient Client { get; }

    /// <summary>Connects to <paramref name="url"/>; every response and push must be signed by <paramref name="broker"/>; auth_requests sent count in <paramref name="authRequests"/>.</summary>
    public static async Task<CaseConnection> OpenAsync(string owner, Uri url, string? broker, int connectTimeoutMs, int requestTimeoutMs,
        AuthRequestCounter authRequests, CancellationToken ct)
    {
        // Counted as they arrive, before any reader takes them, so counting never consumes a push a step must judge.
        var pushCounts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var client = await ClearNodeClient.ConnectAsync(url, new ClearNodeClientOptions
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            RequestTimeout = TimeSpan.FromMilliseconds(requestTimeoutMs),
            ExpectedBroker = broker,
            CloseTimeout = TimeSpan.FromMilliseconds(500),
            SubscribeOnConnect = true,
            PushObserver = push => pushCounts.AddOrUpdate(push.Method, 1, (_, n) => n + 1),
        }, ct).ConfigureAwait(false);
        return new CaseConnection(owner, client, authRequests, pushCounts);
    }

    /// <summary>Builds, signs and sends a request; returns the response or the error text, with the raw frames.</summary>
    public async Task<RpcOutcome> SendAsync(string method, JsonNode parameters, IReadOnlyList<EthKey> signers, long timestampOffsetMs,
        TimeSpan timeout, CancellationToken ct)
    {
        var ts = (ulong)Math.Max(1, (long)Client.NowMs() + timestampOffsetMs);
        var request = new RpcRequest(Client.NextRequestId(), method, parameters, ts);
        return await SendSignedAsync(RpcFrames.SignRequest(request, signers), timeout, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a prebuilt signed request.</summary>
    public async Task<RpcOutcome> SendSignedAsync(SignedRequest signed, TimeSpan timeout, CancellationToken ct)
    {
        _authRequests.Add(signed.Method);
        try
        {
            var frame = await Client.SendSignedAsync(signed, timeout, ct).ConfigureAwait(false);
            return new RpcOutcome(signed.Frame, frame.Text, frame, null);
        }
        catch (RpcErrorException ex)
        {
            return new RpcOutcome(signed.Frame, ex.ResponseFrame, ex.Response, ex.ErrorText);
        }
        catch (TimeoutException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: {ex.Message}");
        }
        catch (ConnectionClosedException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: connection closed while waiting for {signed.Method}: {ex.Message}");
        }
        catch (BrokerSignatureException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: response to {signed.Method} is not signed by the broker: {ex.Message}");
        }
    }

    /// <summary>Sends raw text and waits for the one response it must produce.</summary>
    public async Task<RpcOutcome> SendRawAsync(string text, TimeSpan timeout, CancellationToken ct)
    {
        _authRequests.AddRaw(text);
        try
        {
            await Client.SendRawAsync(text, ct).ConfigureAwait(false);
            var frame = await Client.NextResponseAsync(timeout, ct).ConfigureAwait(false);
            return new RpcOutcome(text, frame.Text, frame, frame.ErrorText);
        }
        catch (TimeoutException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: no response to the raw frame: {ex.Message}");
        }
        catch (ConnectionClosedException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: connection closed after the raw frame: {ex.Message}");
        }
        catch (BrokerSignatureException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: response to the raw frame is not signed by the broker: {ex.Message}");
        }
        catch (RpcFrameFormatException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: response to the raw frame is malformed: {ex.Message}");
        }
    }

    /// <summary>Sends raw text that must get no answer; returns the text of any response that arrives within <paramref name="window"/>, else null.</summary>
    public async Task<string?> SendRawExpectingSilenceAsync(string text, TimeSpan window, CancellationToken ct)
    {
        _authRequests.AddRaw(text);
        try
        {
            await Client.SendRawAsync(text, ct).ConfigureAwait(false);
            var frame = await Client.NextResponseAsync(window, ct).ConfigureAwait(false);
            return frame.Text;
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (ConnectionClosedException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: connection closed after the frame (it must be ignored): {ex.Message}");
        }
        catch (Exception ex) when (ex is BrokerSignatureException or RpcFrameFormatException)
        {
            return $"(unusable frame: {ex.Message})";
        }
    }

    /// <summary>How many pushes named <paramref name="method"/> this connection has received since it opened.</summary>
    public int PushesReceived(string method) => _pushCounts.GetValueOrDefault(method);

    /// <summary>Moves pushes that arrived since the last look into the recent list; returns how many there were.</summary>
    public int DrainPushes()
    {
        var n = 0;
        lock (_recent)
            while (TryTake(out var f))
            {
                _recent.Add(f);
                n++;
            }
        return n;
    }

    /// <summary>Forgets pushes received so far (called before each request under test).</summary>
    public void ResetPushes()
    {
        lock (_recent)
        {
            _recent.Clear();
            while (TryTake(out _)) { }
        }
    }

    /// <summary>Pushes received since the last reset.</summary>
    public IReadOnlyList<RpcFrame> RecentPushes()
    {
        lock (_recent)
        {
            while (TryTake(out var f)) _recent.Add(f);
            return _recent.ToList();
        }
    }

    /// <summary>Waits until a push matching <paramref name="match"/> has arrived since the last reset, or the deadline passes.</summary>
    public async Task<RpcFrame?> WaitPushAsync(Func<RpcFrame, bool> match, DateTimeOffset deadline, CancellationToken ct)
    {
        while (true)
        {
            var found = RecentPushes().FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            try
            {
                var next = await _pushes.NextAsync(left, ct).ConfigureAwait(false);
                lock (_recent) _recent.Add(next);
            }
            catch (TimeoutException)
            {
                return null;
            }
            catch (ConnectionClosedException)
            {
                return RecentPushes().FirstOrDefault(match);
            }
            catch (BrokerSignatureException ex)
            {
                throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: a push is not signed by the broker: {ex.Message}");
            }
        }
    }

    private bool TryTake(out RpcFrame frame)
    {
        try
        {
            return _pushes.TryRead(out frame!);
        }
        catch (BrokerSignatureException ex)
        {
            throw new StepFailure(Outcomes.Outcome.Failed, $"{Owner}: a push is not signed by the broker: {ex.Message}");
        }
        catch (Exception ex) when (ex is ConnectionClosedException or InvalidOperationException or RpcFrameFormatException)
        {
            frame = null!;
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _pushes.Dispose();
        await Client.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The answer to one request: raw frames, the parsed response, and the error text when it was rejected.</summary>
public sealed record RpcOutcome(string RequestFrame, string ResponseFrame, RpcFrame Response, string? Error)
{
    /// <summary>True when the target answered with a result, not an error.</summary>
    public bool Succeeded => Error is null;
}
