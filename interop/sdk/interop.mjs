// SDK interop check: drives a ClearNode (by default the embedded reference node) with nothing but
// the official TypeScript SDK @erc7824/nitrolite 0.5.3 — its message builders, its signers
// (createECDSAMessageSigner, createEIP712AuthMessageSigner) and its response parsers — and exits
// non-zero with a clear message at the first reply that differs from ClearNode v0.5.x behaviour.
//
//   node --experimental-websocket interop.mjs --url ws://127.0.0.1:8000/ws --alice-key 0x… --bob-key 0x…
//
// Alice needs >= 14 and Bob >= 5 of the asset in their unified balances before the run.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
    createAppSessionMessage,
    createAuthRequestMessage,
    createAuthVerifyMessage,
    createCloseAppSessionMessage,
    createECDSAMessageSigner,
    createEIP712AuthMessageSigner,
    createGetConfigMessage,
    createGetLedgerBalancesMessage,
    createPingMessage,
    createSubmitAppStateMessage,
    parseAppSessionUpdateResponse,
    parseAssetsResponse,
    parseAuthChallengeResponse,
    parseAuthVerifyResponse,
    parseBalanceUpdateResponse,
    parseCloseAppSessionResponse,
    parseCreateAppSessionResponse,
    parseErrorResponse,
    parseGetConfigResponse,
    parseGetLedgerBalancesResponse,
    parsePongResponse,
    parseSubmitAppStateResponse,
} from '@erc7824/nitrolite';
import { createWalletClient, custom, keccak256, stringToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import { readConfig, USAGE } from './lib/config.mjs';
import { NodeConnection } from './lib/connection.mjs';
import { fromUnits, toUnits } from './lib/decimal.mjs';
import {
    expectEqual,
    expectTrue,
    InteropMismatch,
    InteropTransportError,
    InteropUsageError,
} from './lib/mismatch.mjs';

const PINNED_SDK = '0.5.3';

function installedSdkVersion() {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@erc7824/nitrolite/package.json', { paths: [process.cwd(), new URL('.', import.meta.url).pathname] });
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

let nextRequestId = 1;
const rid = () => nextRequestId++;

/** A wallet as the SDK sees it: raw-hash RPC signer plus a viem wallet client for EIP-712. */
function makeWallet(name, { privateKey, account }) {
    return {
        name,
        address: account.address,
        signer: createECDSAMessageSigner(privateKey),
        walletClient: createWalletClient({
            account,
            // signTypedData with a local account never uses the transport.
            transport: custom({ request: async () => { throw new Error('no JSON-RPC provider in the interop run'); } }),
        }),
    };
}

/**
 * Runs `parser` over a reply. An `error` reply where a result was expected is reported with the
 * node's error text, which is what a person needs to see first.
 */
function expectReply(step, entry, parser) {
    if (entry.parsed.method === 'error') {
        const err = parseErrorResponse(entry.text);
        throw new InteropMismatch(step, `node answered error "${err.params.error}" where a result was expected`, entry.text);
    }
    try {
        return parser(entry.text);
    } catch (e) {
        throw new InteropMismatch(step, `SDK parser rejected the reply: ${e.message}`, entry.text);
    }
}

function expectError(step, entry, expectedText) {
    if (entry.parsed.method !== 'error') {
        throw new InteropMismatch(step, `expected error "${expectedText}", node answered ${entry.parsed.method}`, entry.text);
    }
    const err = parseErrorResponse(entry.text);
    expectEqual(step, 'error text', err.params.error, expectedText, entry.text);
}

/** Adds the other signers' signatures over the same req array (the SDK builders set only sig[0]). */
async function cosign(envelope, extraSigners) {
    const msg = JSON.parse(envelope);
    for (const s of extraSigners) msg.sig.push(await s.signer(msg.req));
    return JSON.stringify(msg);
}

/** app_session_id as the server derives it: keccak256 of the definition in Go's field order. */
function expectedSessionId(def) {
    const text = JSON.stringify({
        application: def.application,
        protocol: def.protocol,
        participants: def.participants,
        weights: def.weights,
        quorum: def.quorum,
        challenge: def.challenge,
        nonce: def.nonce,
    });
    return keccak256(stringToBytes(text));
}

function log(step, detail = '') {
    process.stdout.write(`ok   ${step}${detail ? ' — ' + detail : ''}\n`);
}

async function authenticate(conn, wallet, cfg) {
    const step = `${wallet.name}: auth`;
    const sessionKey = privateKeyToAccount(generatePrivateKey()).address;
    const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 3600);
    const partial = { scope: 'console', session_key: sessionKey, expires_at: expiresAt, allowances: [] };
    const requestEnvelope = await createAuthRequestMessage(
        { address: wallet.address, session_key: sessionKey, application: cfg.application, allowances: [], expires_at: expiresAt, scope: 'console' },
        rid(), Date.now());
    const challengeReply = await conn.request(requestEnvelope);
    const challenge = expectReply(`${step} (auth_request)`, challengeReply, parseAuthChallengeResponse);
    expectTrue(`${step} (auth_request)`, 'challenge_message is a UUID',
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(challenge.params.challengeMessage), challengeReply.text);

    const eip712 = createEIP712AuthMessageSigner(wallet.walletClient, partial, { name: cfg.application });
    const verifyReply = await conn.request(await createAuthVerifyMessage(eip712, challenge, rid(), Date.now()));
    const verified = expectReply(`${step} (auth_verify)`, verifyReply, parseAuthVerifyResponse);
    expectEqual(step, 'success', verified.params.success, true, verifyReply.text);
    expectEqual(step, 'address', verified.params.address, wallet.address, verifyReply.text);
    expectEqual(step, 'session_key', verified.params.sessionKey, sessionKey, verifyReply.text);
    expectTrue(step, 'jwt_token present', typeof verified.params.jwtToken === 'string' && verified.params.jwtToken.length > 0, verifyReply.text);
    // After the first authentication the node pushes the wallet's unified balances.
    const bu = await conn.nextPush('bu', `${step} (bu push)`);
    expectReply(`${step} (bu push)`, bu, parseBalanceUpdateResponse);
    log(step, `EIP-712 via createEIP712AuthMessageSigner, session key ${sessionKey}`);
}

async function balanceOf(conn, wallet, asset, accountId = undefined) {
    const reply = await conn.request(await createGetLedgerBalancesMessage(wallet.signer, accountId, rid(), Date.now()));
    const parsed = expectReply(`${wallet.name}: get_ledger_balances`, reply, parseGetLedgerBalancesResponse);
    const row = parsed.params.ledgerBalances.find((b) => b.asset === asset);
    return row ? toUnits(row.amount) : 0n;
}

function allocations(asset, pairs) {
    return pairs.map(([wallet, amount]) => ({ participant: wallet.address, asset, amount }));
}

/** Creates a session; `funders` sign (positive allocations), the builder signs with the first one. */
async function createSession(conn, step, def, allocs, funders) {
    const envelope = await cosign(
        await createAppSessionMessage(funders[0].signer, { definition: def, allocations: allocs }, rid(), Date.now()),
        funders.slice(1));
    const reply = await conn.request(envelope);
    const created = expectReply(step, reply, parseCreateAppSessionResponse);
    expectEqual(step, 'status', created.params.status, 'open', reply.text);
    expectEqual(step, 'version', created.params.version, 1, reply.text);
    expectEqual(step, 'app_session_id', created.params.appSessionId, expectedSessionId(def), reply.text);
    return created.params.appSessionId;
}

async function submit(conn, params, signers) {
    const envelope = await cosign(await createSubmitAppStateMessage(signers[0].signer, params, rid(), Date.now()), signers.slice(1));
    return conn.request(envelope);
}

async function closeSession(conn, params, signers) {
    const envelope = await cosign(await createCloseAppSessionMessage(signers[0].signer, params, rid(), Date.now()), signers.slice(1));
    return conn.request(envelope);
}

/** NitroRPC/0.4: create, operate, the three rejections, close. Net effect: alice -2, bob +2. */
async function runV04(ctx) {
    const { alice, bob, outsider, aliceConn, bobConn, cfg } = ctx;
    const asset = cfg.asset;
    const def = {
        application: cfg.application,
        protocol: 'NitroRPC/0.4',
        participants: [alice.address, bob.address],
        weights: [50, 50],
        quorum: 100,
        challenge: 0,
        nonce: Date.now(),
    };
    const id = await createSession(aliceConn, '0.4 create_app_session', def, allocations(asset, [[alice, '10'], [bob, '5']]), [alice, bob]);
    log('0.4 create_app_session', `${id} version 1, signed by both funders`);

    bobConn.clearPushes();
    const operate = { app_session_id: id, intent: 'operate', version: 2, allocations: allocations(asset, [[alice, '8'], [bob, '7']]) };
    const submitted = await submit(aliceConn, operate, [alice, bob]);
    const s = expectReply('0.4 submit_app_state operate', submitted, parseSubmitAppStateResponse);
    expectEqual('0.4 submit_app_state operate', 'version', s.params.version, 2, submitted.text);
    expectEqual('0.4 submit_app_state operate', 'status', s.params.status, 'open', submitted.text);
    const asu = await bobConn.nextPush('asu', '0.4 asu to bob');
    const update = expectReply('0.4 asu to bob', asu, parseAppSessionUpdateResponse);
    expectEqual('0.4 asu to bob', 'app_session_id', update.params.appSessionId, id, asu.text);
    expectEqual('0.4 asu to bob', 'version', update.params.version, 2, asu.text);
    const bobShare = update.params.participantAllocations.find((a) => a.participant === bob.address && a.asset === asset);
    expectTrue('0.4 asu to bob', 'bob allocation 7 in participant_allocations', bobShare && toUnits(bobShare.amount) === toUnits('7'), asu.text);
    log('0.4 submit_app_state operate', 'version 2; bob received asu');

    const stale = await submit(aliceConn, { ...operate, version: 2 }, [alice, bob]);
    expectError('0.4 reject stale version', stale, 'incorrect app state: incorrect version: expected 3, got 2');
    log('0.4 reject stale version');

    const next = { ...operate, version: 3 };
    const noQuorum = await submit(aliceConn, next, [alice]);
    expectError('0.4 reject insufficient quorum', noQuorum, 'incorrect submit_state request: quorum not reached: 50 / 100');
    log('0.4 reject insufficient quorum');

    const stranger = await submit(aliceConn, next, [alice, bob, outsider]);
    expectError('0.4 reject non-participant signer', stranger, `signature from unknown participant wallet ${outsider.address}`);
    log('0.4 reject non-participant signer');

    const closed = await closeSession(aliceConn, { app_session_id: id, allocations: allocations(asset, [[alice, '8'], [bob, '7']]) }, [alice, bob]);
    const c = expectReply('0.4 close_app_session', closed, parseCloseAppSessionResponse);
    expectEqual('0.4 close_app_session', 'status', c.params.status, 'closed', closed.text);
    expectEqual('0.4 close_app_session', 'version', c.params.version, 3, closed.text);
    log('0.4 close_app_session', 'version 3, closed');
    return { alice: toUnits('-2'), bob: toUnits('2') };
}

/** NitroRPC/0.2: create, the "version on 0.2" rejection, submit without version, close. Net: alice -2, bob +2. */
async function runV02(ctx) {
    const { alice, bob, aliceConn, cfg } = ctx;
    const asset = cfg.asset;
    const def = {
        application: cfg.application,
        protocol: 'NitroRPC/0.2',
        participants: [alice.address, bob.address],
        weights: [100, 0],
        quorum: 100,
        challenge: 0,
        nonce: Date.now() + 1,
    };
    const id = await createSession(aliceConn, '0.2 create_app_session', def, allocations(asset, [[alice, '4'], [bob, '0']]), [alice]);
    log('0.2 create_app_session', `${id} version 1`);

    const withVersion = await submit(aliceConn,
        { app_session_id: id, version: 2, allocations: allocations(asset, [[alice, '2'], [bob, '2']]) }, [alice]);
    expectError('0.2 reject version', withVersion, 'incorrect request: specified parameters are not supported in this protocol');
    log('0.2 reject version');

    const plain = await submit(aliceConn, { app_session_id: id, allocations: allocations(asset, [[alice, '2'], [bob, '2']]) }, [alice]);
    const s = expectReply('0.2 submit_app_state', plain, parseSubmitAppStateResponse);
    expectEqual('0.2 submit_app_state', 'version', s.params.version, 2, plain.text);
    log('0.2 submit_app_state', 'version 2 (no intent, no version)');

    const closed = await closeSession(aliceConn, { app_session_id: id, allocations: allocations(asset, [[alice, '2'], [bob, '2']]) }, [alice]);
    const c = expectReply('0.2 close_app_session', closed, parseCloseAppSessionResponse);
    expectEqual('0.2 close_app_session', 'status', c.params.status, 'closed', closed.text);
    expectEqual('0.2 close_app_session', 'version', c.params.version, 3, closed.text);
    log('0.2 close_app_session', 'version 3, closed');
    return { alice: toUnits('-2'), bob: toUnits('2') };
}

async function run(cfg) {
    const alice = makeWallet('alice', cfg.alice);
    const bob = makeWallet('bob', cfg.bob);
    const outsider = makeWallet('outsider', cfg.outsider);
    const aliceConn = new NodeConnection('alice', cfg.url, cfg.timeoutMs);
    const bobConn = new NodeConnection('bob', cfg.url, cfg.timeoutMs);
    try {
        await aliceConn.open();
        await bobConn.open();
        const assets = await aliceConn.nextPush('assets', 'on-connect assets push');
        expectReply('on-connect assets push', assets, parseAssetsResponse);
        log('connect', `${cfg.url}; assets push parsed`);

        const pong = await aliceConn.request(await createPingMessage(alice.signer, rid(), Date.now()));
        expectReply('ping', pong, parsePongResponse);
        log('ping');

        const configReply = await aliceConn.request(await createGetConfigMessage(alice.signer, rid(), Date.now()));
        const config = expectReply('get_config', configReply, parseGetConfigResponse);
        // From here on every frame must carry the broker's signature over its raw res text.
        aliceConn.broker = config.params.brokerAddress;
        bobConn.broker = config.params.brokerAddress;
        log('get_config', `broker ${config.params.brokerAddress}; later frames verified against it`);

        await authenticate(aliceConn, alice, cfg);
        await authenticate(bobConn, bob, cfg);

        const before = { alice: await balanceOf(aliceConn, alice, cfg.asset), bob: await balanceOf(bobConn, bob, cfg.asset) };
        expectTrue('funding', `alice needs >= 14 ${cfg.asset}, has ${fromUnits(before.alice)}`, before.alice >= toUnits('14'));
        expectTrue('funding', `bob needs >= 5 ${cfg.asset}, has ${fromUnits(before.bob)}`, before.bob >= toUnits('5'));
        log('get_ledger_balances', `alice ${fromUnits(before.alice)}, bob ${fromUnits(before.bob)} ${cfg.asset}`);

        const ctx = { alice, bob, outsider, aliceConn, bobConn, cfg };
        const delta = { alice: 0n, bob: 0n };
        for (const p of cfg.protocols) {
            const d = p === '0.4' ? await runV04(ctx) : await runV02(ctx);
            delta.alice += d.alice;
            delta.bob += d.bob;
        }

        const after = { alice: await balanceOf(aliceConn, alice, cfg.asset), bob: await balanceOf(bobConn, bob, cfg.asset) };
        expectEqual('final balances', 'alice unified balance', fromUnits(after.alice), fromUnits(before.alice + delta.alice));
        expectEqual('final balances', 'bob unified balance', fromUnits(after.bob), fromUnits(before.bob + delta.bob));
        log('final balances', `alice ${fromUnits(after.alice)}, bob ${fromUnits(after.bob)} ${cfg.asset}`);
    } finally {
        aliceConn.close();
        bobConn.close();
    }
}

async function main() {
    let cfg;
    try {
        cfg = readConfig(process.argv.slice(2), process.env);
    } catch (e) {
        if (e instanceof InteropUsageError) {
            process.stderr.write(`${e.message === 'help requested' ? '' : 'error: ' + e.message + '\n\n'}${USAGE}\n`);
            return e.message === 'help requested' ? 0 : 2;
        }
        throw e;
    }
    if (cfg.printAddresses) {
        process.stdout.write(`alice ${cfg.alice.account.address}\nbob ${cfg.bob.account.address}\noutsider ${cfg.outsider.account.address}\n`);
        return 0;
    }
    const version = installedSdkVersion();
    if (version !== PINNED_SDK) {
        process.stderr.write(`error: @erc7824/nitrolite ${version} is installed, this check is pinned to ${PINNED_SDK}; run npm ci\n`);
        return 2;
    }
    try {
        await run(cfg);
        process.stdout.write(`PASS sdk interop: @erc7824/nitrolite ${version} against ${cfg.url} (${cfg.protocols.join(', ')})\n`);
        return 0;
    } catch (e) {
        if (e instanceof InteropMismatch) {
            process.stderr.write(`MISMATCH in step "${e.step}": ${e.message}\n`);
            if (e.frame) process.stderr.write(`  frame: ${e.frame}\n`);
            return 1;
        }
        if (e instanceof InteropTransportError) {
            process.stderr.write(`TRANSPORT ERROR: ${e.message}\n`);
            return 3;
        }
        process.stderr.write(`UNEXPECTED ERROR: ${e.stack ?? e}\n`);
        return 1;
    }
}

process.exitCode = await main();
