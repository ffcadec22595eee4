// Amounts travel as decimal strings ("100", "0.5"); the node may normalise them ("100.0" -> "100").
// Compare them as exact fixed-point values, never as floats.

const SCALE = 18;

/** Parses a decimal string into an exact bigint scaled by 10^18; throws on anything else. */
export function toUnits(text) {
    const s = String(text).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
        throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
    }
    const frac = (m[3] ?? '').padEnd(SCALE, '0');
    if (frac.length > SCALE) throw new Error(`more than ${SCALE} fractional digits: ${text}`);
    const units = BigInt((m[2] || '0') + frac);
    return m[1] === '-' ? -units : units;
}

/** Formats scaled units back into the shortest decimal string. */
export function fromUnits(units) {
    const neg = units < 0n;
    const abs = (neg ? -units : units).toString().padStart(SCALE + 1, '0');
    const int = abs.slice(0, abs.length - SCALE);
    const frac = abs.slice(abs.length - SCALE).replace(/0+$/, '');
    return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
}
