// Failures the interop run reports. Each carries the step it happened in, so a person reading
// the CI log can see which exchange with the node went wrong without rerunning it.

/** The node answered, but not what the ClearNode v0.5.x protocol says it must. */
export class InteropMismatch extends Error {
    constructor(step, message, frame = undefined) {
        super(message);
        this.name = 'InteropMismatch';
        this.step = step;
        this.frame = frame;
    }
}

/** The run could not talk to the node at all (connect refused, timeout, socket closed). */
export class InteropTransportError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InteropTransportError';
    }
}

/** Bad command line or environment. */
export class InteropUsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InteropUsageError';
    }
}

export function expectEqual(step, what, actual, expected, frame = undefined) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) {
        throw new InteropMismatch(step, `${what}: expected ${e}, got ${a}`, frame);
    }
}

export function expectTrue(step, what, condition, frame = undefined) {
    if (!condition) {
        throw new InteropMismatch(step, what, frame);
    }
}
