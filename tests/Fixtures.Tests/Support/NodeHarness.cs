using System.Text;
using System.Text.Json.Nodes;
using NitroConformance.Protocol.Auth;
using NitroConformance.Protocol.Client;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Fixtures.Tests.Support;

/// <summary>Starts a node and connects broker-verifying clients to it.</summary>
public sealed class NodeHarness : IAsyncDisposable
{
    /// <summary>Default wait for any network step.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly List<ClearNodeClient> _clients = [];

    private NodeHarness(ReferenceNode node, ManualClock? clock)
    {
        Node = node;
        Clock = clock;
    }

    /// <summary>The node under test.</summary>
    public ReferenceNode Node { get; }

    /// <summary>The shared manual clock, when the harness was started with one.</summary>
    public ManualClock? Clock { get; }

    /// <summary>Starts a node with <paramref name="options"/> (its clock replaced by <paramref name="clock"/> when given).</summary>
    public static async Task<NodeHarness> StartAsync(ReferenceNodeOptions? options = null, ManualClock? clock = null)
    {
        options ??= new ReferenceNodeOptions();
        if (clock is not null) options = options with { Clock = clock };
        using var cts = new CancellationTokenSource(Wait);
        var node = await ReferenceNode.StartAsync(options, cts.Token);
        return new NodeHarness(node, clock);
    }

    /// <summary>Connects a client that verifies every frame's broker signature (unless <paramref name="expectedBroker"/> is "").</summary>
    public async Task<ClearNodeClient> ConnectAsync(string? expectedBroker = null)
    {
        var options = new ClearNodeClientOptions
        {
            ExpectedBroker = expectedBroker == "" ? null : expectedBroker ?? Node.BrokerAddress,
            RequestTimeout = Wait,
            ClockMs = Clock is null ? null : Clock.NowMs,
        };
        using var cts = new CancellationTokenSource(Wait);
        var client = await ClearNodeClient.ConnectAsync(Node.Url, options, cts.Token);
        _clients.Add(client);
        return client;
    }

    /// <summary>Authenticates <paramref name="client"/> as <paramref name="wallet"/> with a session key.</summary>
    public static Task<AuthResult> AuthenticateAsync(ClearNodeClient client, EthKey wallet, EthKey sessionKey,
        string application = "clearnode", IReadOnlyList<Allowance>? allowances = null, ulong? expiresAt = null, string scope = "console")
    {
        var expiry = expiresAt ?? (ulong)DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds();
        return AuthFlow.AuthenticateAsync(client, wallet,
            new AuthOptions(sessionKey.Address, application, scope, allowances ?? [], expiry), Wait);
    }

    /// <summary>Sends <paramref name="text"/> raw and returns the next unmatched response.</summary>
    public static async Task<RpcFrame> RawAsync(ClearNodeClient client, string text)
    {
        await client.SendRawAsync(text);
        return await client.NextResponseAsync(Wait);
    }

    /// <summary>Sends a request whose timestamp is <paramref name="timestamp"/> and returns the reply (errors included).</summary>
    public static async Task<RpcFrame> SendWithTimestampAsync(ClearNodeClient client, string method, JsonNode parameters,
        ulong timestamp, IReadOnlyList<EthKey>? signers = null)
    {
        var request = new RpcRequest(client.NextRequestId(), method, parameters, timestamp);
        return await SendAsync(client, RpcFrames.SignRequest(request, signers ?? []));
    }

    /// <summary>Sends a signed request and returns the reply frame, error replies included.</summary>
    public static async Task<RpcFrame> SendAsync(ClearNodeClient client, SignedRequest request)
    {
        try
        {
            return await client.SendSignedAsync(request, Wait);
        }
        catch (RpcErrorException e)
        {
            return e.Response;
        }
    }

    /// <summary>Sends <paramref name="method"/> signed by <paramref name="signers"/> and returns the reply, errors included.</summary>
    public static Task<RpcFrame> CallAsync(ClearNodeClient client, string method, JsonNode parameters, params EthKey[] signers) =>
        SendAsync(client, RpcFrames.SignRequest(client.CreateRequest(method, parameters), signers));

    /// <summary>The error text of an error reply (fails the test otherwise).</summary>
    public static string ErrorOf(RpcFrame frame)
    {
        NUnit.Framework.Assert.That(frame.Method, NUnit.Framework.Is.EqualTo("error"), frame.Text);
        return frame.ErrorText!;
    }

    /// <summary>The address that signed <paramref name="frame"/>'s <c>res</c> bytes.</summary>
    public static string SignerOf(RpcFrame frame)
    {
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes(frame.RawArray));
        NUnit.Framework.Assert.That(frame.Signatures, NUnit.Framework.Has.Count.EqualTo(1), frame.Text);
        NUnit.Framework.Assert.That(Signature.TryRecoverAddress(hash, frame.Signatures[0], out var address), NUnit.Framework.Is.True, frame.Text);
        return address;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await Node.DisposeAsync();
    }
}
