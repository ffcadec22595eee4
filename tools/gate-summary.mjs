#!/usr/bin/env node
// Release-gate job summary (Markdown, for $GITHUB_STEP_SUMMARY) from what the suite and the harness
// wrote under reports/:
//   reports/conformance/allure-results/*-result.json  -> cases per outcome class and per verdict
//   reports/load/<run>/report.json (newest run)       -> top latency figures, throughput, thresholds
//
//   node tools/gate-summary.mjs [--reports DIR] [--load-run DIR]
//
// Labels read from each Allure result (written by the conformance suite):
//   outcome  OK | NON-STRICT | FAILED | UNIMPLEMENTED | SKIPPED  (falls back to the Allure status)
//   verdict  Pass | Fail | ExpectedFailure | UnexpectedPass | NotRun
//   level    must | safety | info
// Exit 0 always when the inputs could be read (the verdict step decides); 2 on unreadable input.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const reports = arg('--reports', 'reports');
const OUTCOMES = ['OK', 'NON-STRICT', 'FAILED', 'UNIMPLEMENTED', 'SKIPPED'];
const STATUS_TO_OUTCOME = { passed: 'OK', failed: 'FAILED', broken: 'FAILED', skipped: 'SKIPPED', unknown: 'SKIPPED' };

function label(result, name) {
    return (result.labels ?? []).find((l) => l.name === name)?.value;
}

function readJson(path) {
    try {
        return JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
        throw new Error(`${path}: ${e.message}`);
    }
}

function conformanceSection() {
    const dir = join(reports, 'conformance', 'allure-results');
    const lines = ['## Conformance', ''];
    if (!existsSync(dir)) return [...lines, `No results: \`${dir}\` does not exist (the suite did not run).`, ''];
    const results = readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => readJson(join(dir, f)));
    if (results.length === 0) return [...lines, `No results in \`${dir}\`.`, ''];

    const byOutcome = new Map(OUTCOMES.map((o) => [o, { all: 0, must: 0, safety: 0, info: 0 }]));
    const verdicts = new Map();
    const failing = [];
    for (const r of results) {
        const outcome = String(label(r, 'outcome') ?? STATUS_TO_OUTCOME[r.status] ?? 'SKIPPED').toUpperCase();
        const level = label(r, 'level') ?? 'must';
        if (!byOutcome.has(outcome)) byOutcome.set(outcome, { all: 0, must: 0, safety: 0, info: 0 });
        const row = byOutcome.get(outcome);
        row.all++;
        if (level in row) row[level]++;
        const verdict = label(r, 'verdict') ?? (outcome === 'FAILED' && level !== 'info' ? 'Fail' : outcome === 'FAILED' ? 'Pass' : outcome === 'OK' || outcome === 'NON-STRICT' ? 'Pass' : 'NotRun');
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
        if (verdict === 'Fail' || verdict === 'UnexpectedPass') {
            failing.push({ name: r.name, verdict, message: (r.statusDetails?.message ?? '').split('\n')[0] });
        }
    }

    lines.push(`${results.length} case result(s).`, '');
    lines.push('| outcome | cases | must | safety | info |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [o, c] of byOutcome) lines.push(`| ${o} | ${c.all} | ${c.must} | ${c.safety} | ${c.info} |`);
    lines.push('');
    lines.push('| verdict | cases |', '| --- | ---: |');
    for (const v of ['Pass', 'Fail', 'ExpectedFailure', 'UnexpectedPass', 'NotRun']) lines.push(`| ${v} | ${verdicts.get(v) ?? 0} |`);
    lines.push('');
    if (failing.length === 0) {
        lines.push('**Conformance verdict: PASS** — no FAILED case and no stale known-failing entry.', '');
    } else {
        lines.push(`**Conformance verdict: FAIL** — ${failing.length} case(s):`, '');
        for (const f of failing.slice(0, 50)) {
            const why = f.verdict === 'UnexpectedPass' ? 'listed as known-failing but passed (stale entry)' : f.message;
            lines.push(`- \`${f.name}\` — ${why.replace(/\|/g, '\\|')}`);
        }
        if (failing.length > 50) lines.push(`- … and ${failing.length - 50} more (see the Allure report)`);
        lines.push('');
    }
    return lines;
}

function newestRun(loadDir) {
    if (!existsSync(loadDir)) return undefined;
    const runs = readdirSync(loadDir)
        .map((d) => join(loadDir, d))
        .filter((d) => existsSync(join(d, 'report.json')))
        .sort((a, b) => statSync(join(b, 'report.json')).mtimeMs - statSync(join(a, 'report.json')).mtimeMs);
    return runs[0];
}

const ms = (us) => (Number(us) / 1000).toFixed(us >= 100_000 ? 0 : us >= 10_000 ? 1 : 2);

function loadSection() {
    const lines = ['## Load', ''];
    const run = arg('--load-run', undefined) ?? newestRun(join(reports, 'load'));
    if (!run) return [...lines, 'No load report (the harness did not run).', ''];
    const report = readJson(join(run, 'report.json'));
    if (report.format !== 'nitro-load-report/1') throw new Error(`${run}/report.json: unknown format '${report.format}'`);
    const headline = (report.metrics ?? []).find((m) => m.name === report.headline);
    const throughput = report.measured_s > 0 && headline ? headline.count / report.measured_s : 0;
    lines.push(`Run \`${report.run_id}\`: scenario **${report.scenario}**, profile \`${report.profile}\`, ${Number(report.measured_s).toFixed(1)} s measured` +
        `${(report.shards ?? []).length > 1 ? `, ${report.shards.length} shards merged` : ''}; throughput **${throughput.toFixed(1)}/s** (${report.headline}).`, '');
    lines.push('| metric | count | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const metrics = [...(report.metrics ?? [])].sort((a, b) => b.p99_us - a.p99_us).slice(0, 8);
    for (const m of metrics) {
        lines.push(`| ${m.name} | ${m.count} | ${m.errors} | ${ms(m.p50_us)} | ${ms(m.p90_us)} | ${ms(m.p99_us)} | ${ms(m.p999_us)} | ${ms(m.max_us)} |`);
    }
    lines.push('');
    const thresholds = report.thresholds ?? [];
    if (thresholds.length === 0) {
        lines.push('No thresholds were set.', '');
    } else {
        lines.push('| threshold | actual | verdict |', '| --- | --- | --- |');
        for (const t of thresholds) lines.push(`| \`${t.expression}\` | ${t.actual} | ${t.passed ? 'pass' : '**FAIL**'} |`);
        lines.push('');
        const failed = thresholds.filter((t) => !t.passed).length;
        lines.push(failed === 0 ? '**Load verdict: PASS**' : `**Load verdict: FAIL** — ${failed} threshold(s) failed.`, '');
    }
    return lines;
}

try {
    const out = ['# ClearNode release gate', '', ...conformanceSection(), ...loadSection()];
    process.stdout.write(out.join('\n') + '\n');
} catch (e) {
    process.stderr.write(`gate-summary: ${e.message}\n`);
    process.exit(2);
}
