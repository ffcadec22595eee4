using NUnit.Framework;
using NitroConformance.Fixtures.AppSessions;
using NitroConformance.Fixtures.Tests.Ledger;
using NitroConformance.Protocol.Rpc;
using static NitroConformance.Fixtures.Tests.Ledger.LedgerHarness;

namespace NitroConformance.Fixtures.Tests.AppSessions;

/// <summary>app-sessions.md §3.3 and the Go TestAppSessionSessionKeySpendingValidation / session_key.test.ts cases.</summary>
public sealed class SessionKeySpendingTests
{
    private LedgerHarness _h = null!;
    private ulong _nonce = 1;

    [SetUp]
    public void SetUp()
    {
        _h = new LedgerHarness();
        _h.State.Credit(Alice.Address, "usdc", 1000m);
        _h.State.Credit(Alice.Address, "btc", 5m);
        _h.State.Credit(Alice.Address, "eth", 10m);
    }

    private Node.MethodOutcome CreateViaKey(string amount, string asset = "usdc", string application = "TestApp") =>
        _h.Call("create_app_session",
            Requests.CreateAppSession(Definition(AppProtocols.V04, [Alice, Bob], [2, 0], 2, application, _nonce++), [A(Alice, amount, asset)]),
            Alice, AliceKey);

    [Test]
    public void CreateWithinCap_GoCreateAppSessionWithinSpendingCapSuccess()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m));
        Assert.That(CreateViaKey("300").Error, Is.Null);
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(300m));
        Assert.That(_h.Unified(Alice), Is.EqualTo(700m));
    }

    [Test]
    public void CreateAboveCap_GoCreateAppSessionExceedsSpendingCapFails()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m));
        Assert.That(CreateViaKey("300").Error, Is.Null);
        Assert.That(CreateViaKey("300").Error,
            Is.EqualTo("session key spending validation failed: operation denied: insufficient session key allowance: 300 required, 200 available"));
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(300m));
    }

    [Test]
    public void CreateAssetNotInCaps_GoCreateAppSessionUnsupportedAssetFails()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m));
        Assert.That(CreateViaKey("1", "btc").Error,
            Is.EqualTo("session key spending validation failed: operation denied: asset btc not allowed in session key spending cap"));
    }

    [Test]
    public void EmptyAllowanceListAllowsNothing()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp");
        Assert.That(CreateViaKey("1").Error,
            Is.EqualTo("session key spending validation failed: operation denied: asset usdc not allowed in session key spending cap"));
    }

    [Test]
    public void DepositWithinCap_GoAppSessionDepositWithinSpendingCapSuccess()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m));
        var id = CreateViaKey("300").Result!["app_session_id"]!.GetValue<string>();
        Assert.That(_h.Submit04(id, "deposit", 2, [A(Alice, "400")], Alice, AliceKey).Error, Is.Null);
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(400m));
    }

    [Test]
    public void CapIsCheckedBeforeBalanceAtCreate()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 5000m));
        Assert.That(CreateViaKey("2000").Error, Is.EqualTo($"insufficient funds: {Alice.Address} for asset usdc"));
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 10m));
        Assert.That(CreateViaKey("2000").Error,
            Is.EqualTo("session key spending validation failed: operation denied: insufficient session key allowance: 2000 required, 10 available"));
    }

    [Test]
    public void FloatAmountsAndExactCaps()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m), ("eth", 2m));
        var id = CreateViaKey("100.25").Result!["app_session_id"]!.GetValue<string>();
        Assert.That(_h.Submit04(id, "deposit", 2, [A(Alice, "250.75")], Alice, AliceKey).Error, Is.Null);
        Assert.That(_h.Submit04(id, "deposit", 3, [A(Alice, "501.0")], Alice, AliceKey).Error,
            Is.EqualTo("session key spending validation failed: operation denied: insufficient session key allowance: 250.25 required, 249.25 available"));
        Assert.That(_h.Submit04(id, "deposit", 3, [A(Alice, "500"), A(Alice, "2", "eth")], Alice, AliceKey).Error, Is.Null);
        Assert.That(_h.Submit04(id, "deposit", 4, [A(Alice, "2.1", "eth")], Alice, AliceKey).Error,
            Is.EqualTo("session key spending validation failed: operation denied: insufficient session key allowance: 0.1 required, 0 available"));
    }

    [Test]
    public void KeyForOtherApplicationCannotFund()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "poker", ("usdc", 500m));
        Assert.That(CreateViaKey("1").Error,
            Is.EqualTo("session key application validation failed: session key application mismatch: session key is for 'poker', but app session is for 'TestApp'"));
    }

    [Test]
    public void ClearnodeKeyHasNoCapAndNoScope()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "clearnode");
        Assert.That(CreateViaKey("900", application: "anything").Error, Is.Null);
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(900m));
    }

    [Test]
    public void RevokedKeyNoLongerSignsForTheWallet()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp", ("usdc", 500m));
        _h.Keys.Revoke(AliceKey);
        Assert.That(CreateViaKey("1").Error, Is.EqualTo($"missing signature for participant {Alice.Address}"));
    }

    [Test]
    public void DirectSignatureWinsOverAKey()
    {
        _h.Keys.Add(AliceKey, Alice.Address, "TestApp");
        var o = _h.Call("create_app_session",
            Requests.CreateAppSession(Definition(AppProtocols.V04, [Alice, Bob], [2, 0], 2, "TestApp", 77), [A(Alice, "600")]), Alice, AliceKey, Alice);
        Assert.That(o.Error, Is.Null);
        Assert.That(_h.State.SessionKeyUsage(AliceKey.Address, "usdc"), Is.EqualTo(0m));
    }
}
