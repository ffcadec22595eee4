// One WebSocket connection to the node. Every frame the node sends is parsed with the SDK's
// parseAnyRPCResponse and its broker signature checked over the raw `res` text, so a reply the
// SDK could not consume fails the run at the frame where it arrived.

import { parseAnyRPCResponse } from '@erc7824/nitrolite';
import { keccak256, recoverAddress, stringToBytes } from 'viem';
import { InteropMismatch, InteropTransportError } from './mismatch.mjs';

/** Returns the exact text of the `res` array inside a frame (what the broker signed). */
export function rawResText(frame) {
    const start = frame.indexOf('"res":');
    const sigAt = frame.lastIndexOf(',"sig":');
    if (start < 0 || sigAt < start) return undefined;
    return frame.slice(start + '"res":'.length, sigAt).trim();
}

export class NodeConnection {
    /** @param {string} name label used in messages (e.g. "alice") */
    constructor(name, url, timeoutMs) {
        this.name = name;
        this.url = url;
        this.timeoutMs = timeoutMs;
        this.broker = undefined; // set once get_config told us the broker address
        this.pushes = []; // parsed notifications (request id 0) not yet consumed
        this.frames = []; // every received frame text, for mismatch reports
        this.waiters = new Map(); // request id -> {resolve, reject, timer}
        this.pushWaiters = [];
        this.closed = false;
        this.failure = undefined;
    }

    async open() {
        if (typeof WebSocket === 'undefined') {
            throw new InteropTransportError(
                'this Node.js has no global WebSocket: run with `node --experimental-websocket` (Node 20) or use Node >= 22');
        }
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                reject(new InteropTransportError(`${this.name}: no connection to ${this.url} within ${this.timeoutMs} ms`));
                try { this.ws?.close(); } catch { /* already closing */ }
            }, this.timeoutMs);
            try {
                this.ws = new WebSocket(this.url);
            } catch (e) {
                clearTimeout(timer);
                reject(new InteropTransportError(`${this.name}: cannot open ${this.url}: ${e.message}`));
                return;
            }
            this.ws.addEventListener('open', () => { clearTimeout(timer); resolve(); });
            this.ws.addEventListener('error', () => {
                clearTimeout(timer);
                reject(new InteropTransportError(`${this.name}: WebSocket error while connecting to ${this.url}`));
            });
        });
        this.ws.addEventListener('message', (ev) => this.#onFrame(ev.data));
        this.ws.addEventListener('close', () => {
            this.closed = true;
            this.#failAll(new InteropTransportError(`${this.name}: the node closed the connection`));
        });
    }

    close() {
        for (const w of this.waiters.values()) clearTimeout(w.timer);
        this.waiters.clear();
        try { this.ws?.close(); } catch { /* ignore */ }
    }

    #failAll(err) {
        for (const w of this.waiters.values()) { clearTimeout(w.timer); w.reject(err); }
        this.waiters.clear();
        for (const w of this.pushWaiters) { clearTimeout(w.timer); w.reject(err); }
        this.pushWaiters = [];
    }

    async #onFrame(data) {
        const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
        this.frames.push(text);
        let parsed;
        try {
            parsed = parseAnyRPCResponse(text);
        } catch (e) {
            this.failure = new InteropMismatch(`${this.name} frame`, `the SDK cannot parse a frame from the node: ${e.message}`, text);
            this.#failAll(this.failure);
            return;
        }
        if (this.broker) {
            const res = rawResText(text);
            const sig = parsed.signatures[0];
            let signer;
            try {
                signer = res && sig ? await recoverAddress({ hash: keccak256(stringToBytes(res)), signature: sig }) : undefined;
            } catch { signer = undefined; }
            if (signer !== this.broker) {
                this.failure = new InteropMismatch(`${this.name} frame`,
                    `frame not signed by the broker ${this.broker} (recovered ${signer ?? 'nothing'})`, text);
                this.#failAll(this.failure);
                return;
            }
        }
        const entry = { text, parsed };
        if (parsed.requestId === 0) {
            const i = this.pushWaiters.findIndex((w) => w.method === parsed.method);
            if (i >= 0) {
                const [w] = this.pushWaiters.splice(i, 1);
                clearTimeout(w.timer);
                w.resolve(entry);
            } else {
                this.pushes.push(entry);
            }
            return;
        }
        const w = this.waiters.get(parsed.requestId);
        if (w) {
            this.waiters.delete(parsed.requestId);
            clearTimeout(w.timer);
            w.resolve(entry);
        }
    }

    /** Sends one envelope built by an SDK builder and resolves with {text, parsed} of its reply. */
    request(envelope) {
        if (this.failure) return Promise.reject(this.failure);
        if (this.closed) return Promise.reject(new InteropTransportError(`${this.name}: connection is closed`));
        const req = JSON.parse(envelope).req;
        const id = req[0];
        const method = req[1];
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiters.delete(id);
                reject(new InteropTransportError(`${this.name}: no reply to ${method} (id ${id}) within ${this.timeoutMs} ms`));
            }, this.timeoutMs);
            this.waiters.set(id, { resolve, reject, timer });
            this.ws.send(envelope);
        });
    }

    /** Resolves with the next notification named `method` (already received or arriving later); `step` names the check. */
    nextPush(method, step = `${this.name} push`) {
        if (this.failure) return Promise.reject(this.failure);
        const i = this.pushes.findIndex((p) => p.parsed.method === method);
        if (i >= 0) return Promise.resolve(this.pushes.splice(i, 1)[0]);
        return new Promise((resolve, reject) => {
            const w = { method, resolve, reject };
            w.timer = setTimeout(() => {
                this.pushWaiters = this.pushWaiters.filter((x) => x !== w);
                reject(new InteropMismatch(step, `${this.name} received no '${method}' notification within ${this.timeoutMs} ms`));
            }, this.timeoutMs);
            this.pushWaiters.push(w);
        });
    }

    /** Drops notifications received so far (pushes from earlier steps are not asserted on later). */
    clearPushes() {
        this.pushes = [];
    }
}
