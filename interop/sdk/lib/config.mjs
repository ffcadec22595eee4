// Command line and environment. Flags win over environment variables.

import { privateKeyToAccount } from 'viem/accounts';
import { keccak256, stringToBytes } from 'viem';
import { InteropUsageError } from './mismatch.mjs';

export const USAGE = `usage: node --experimental-websocket interop.mjs [options]

  --url URL              node WebSocket URL, e.g. ws://127.0.0.1:8000/ws     (NITRO_NODE_URL)
  --alice-key HEX        funded wallet key, needs >= 14 of the asset          (NITRO_INTEROP_ALICE_KEY)
  --bob-key HEX          funded wallet key, needs >= 5 of the asset           (NITRO_INTEROP_BOB_KEY)
  --outsider-key HEX     unfunded non-participant key (default: derived)      (NITRO_INTEROP_OUTSIDER_KEY)
  --asset SYMBOL         asset symbol (default usdc)                          (NITRO_INTEROP_ASSET)
  --application NAME     auth application / app-session application (default nitro-interop)
  --protocols LIST       comma list of 0.2,0.4 (default both)                 (NITRO_INTEROP_PROTOCOLS)
  --timeout-ms N         per-reply timeout (default 10000)                    (NITRO_INTEROP_TIMEOUT_MS)
  --print-addresses      print the wallet addresses for the keys and exit

exit codes: 0 all checks passed, 1 a reply did not match, 2 usage error, 3 transport error`;

const FLAGS = {
    '--url': ['url', 'NITRO_NODE_URL'],
    '--alice-key': ['aliceKey', 'NITRO_INTEROP_ALICE_KEY'],
    '--bob-key': ['bobKey', 'NITRO_INTEROP_BOB_KEY'],
    '--outsider-key': ['outsiderKey', 'NITRO_INTEROP_OUTSIDER_KEY'],
    '--asset': ['asset', 'NITRO_INTEROP_ASSET'],
    '--application': ['application', 'NITRO_INTEROP_APPLICATION'],
    '--protocols': ['protocols', 'NITRO_INTEROP_PROTOCOLS'],
    '--timeout-ms': ['timeoutMs', 'NITRO_INTEROP_TIMEOUT_MS'],
};

function account(flag, hex) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(hex ?? '')) {
        throw new InteropUsageError(`${flag}: expected a 0x-prefixed 32-byte hex private key`);
    }
    try {
        return { privateKey: hex.toLowerCase(), account: privateKeyToAccount(hex.toLowerCase()) };
    } catch (e) {
        throw new InteropUsageError(`${flag}: not a valid secp256k1 private key (${e.message})`);
    }
}

export function readConfig(argv, env) {
    const raw = {};
    let printAddresses = false;
    for (const [flag, [key, envName]] of Object.entries(FLAGS)) {
        if (env[envName] !== undefined && env[envName] !== '') raw[key] = env[envName];
    }
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--help' || a === '-h') throw new InteropUsageError('help requested');
        if (a === '--print-addresses') { printAddresses = true; continue; }
        const eq = a.indexOf('=');
        const flag = eq > 0 ? a.slice(0, eq) : a;
        if (!FLAGS[flag]) throw new InteropUsageError(`unknown argument: ${a}`);
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new InteropUsageError(`${flag} needs a value`);
        raw[FLAGS[flag][0]] = value;
    }

    const outsiderKey = raw.outsiderKey ?? keccak256(stringToBytes('nitro-conformance-interop-outsider'));
    const cfg = {
        printAddresses,
        url: raw.url,
        alice: raw.aliceKey ? account('--alice-key', raw.aliceKey) : undefined,
        bob: raw.bobKey ? account('--bob-key', raw.bobKey) : undefined,
        outsider: account('--outsider-key', outsiderKey),
        asset: raw.asset ?? 'usdc',
        application: raw.application ?? 'nitro-interop',
        protocols: (raw.protocols ?? '0.2,0.4').split(',').map((p) => p.trim()).filter(Boolean),
        timeoutMs: Number(raw.timeoutMs ?? 10000),
    };
    if (!cfg.alice) throw new InteropUsageError('--alice-key (or NITRO_INTEROP_ALICE_KEY) is required');
    if (!cfg.bob) throw new InteropUsageError('--bob-key (or NITRO_INTEROP_BOB_KEY) is required');
    if (cfg.alice.account.address === cfg.bob.account.address) throw new InteropUsageError('alice and bob must be different keys');
    if (printAddresses) return cfg;
    if (!cfg.url) throw new InteropUsageError('--url (or NITRO_NODE_URL) is required');
    if (!/^wss?:\/\//.test(cfg.url)) throw new InteropUsageError(`--url: expected ws:// or wss://, got ${cfg.url}`);
    for (const p of cfg.protocols) {
        if (p !== '0.2' && p !== '0.4') throw new InteropUsageError(`--protocols: unknown protocol '${p}' (use 0.2 and/or 0.4)`);
    }
    if (!Number.isInteger(cfg.timeoutMs) || cfg.timeoutMs <= 0) throw new InteropUsageError('--timeout-ms: expected a positive integer');
    return cfg;
}
