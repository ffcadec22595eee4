using NitroConformance.Conformance.Configuration;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>Asks the node for a <c>ping</c> on a fresh connection: is it still serving?</summary>
public static class NodePing
{
    private const int Attempts = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    /// <summary>Null when the node answered; else why it did not (after <see cref="Attempts"/> tries, so a slow accept is not taken for a crash).</summary>
    public static async Task<string?> FailureAsync(Uri url, RunSettings settings, CancellationToken ct)
    {
        string? last = null;
        for (var i = 0; i < Attempts; i++)
        {
            if (i > 0) await Task.Delay(Pause, ct).ConfigureAwait(false);
            try
            {
                await using var client = await ClearNodeClient.ConnectAsync(url, new ClearNodeClientOptions
                {
                    ConnectTimeout = TimeSpan.FromMilliseconds(settings.ConnectTimeoutMs),
                    RequestTimeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs),
                    CloseTimeout = TimeSpan.FromMilliseconds(200),
                    FrameLogEnabled = false,
                }, ct).ConfigureAwait(false);
                await client.RequestAsync(RpcMethods.Ping, Requests.Ping(), [], null, ct).ConfigureAwait(false);
                return null;
            }
            catch (RpcErrorException)
            {
                // An error reply is still an answer: the node is serving.
                return null;
            }
            catch (Exception ex) when (ex is TimeoutException or ConnectionClosedException
                                       or System.Net.WebSockets.WebSocketException or HttpRequestException or IOException)
            {
                last = ex.Message;
            }
        }
        return last;
    }
}
