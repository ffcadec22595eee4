// Allure 3 configuration for the conformance report (tools/allure-render.sh passes it with --config).
//
// Quality gate = the suite's own verdict: the run fails on any counted unsuccessful case, and an
// empty run fails too. A case is NOT counted when the suite itself does not count it:
//   - level "info" cases (reported, never fail the run), and
//   - known-failing cases the suite classified as such (tag "known-failing").
// A stale known-failing entry is reported by the suite as a failed case, so it is counted.

const label = (tr, name) => (tr.labels ?? []).filter((l) => l.name === name).map((l) => l.value);

/** True for the results the suite's verdict counts. */
export const countedBySuite = (tr) =>
    !label(tr, 'level').includes('info') && !label(tr, 'tag').includes('known-failing');

export default {
    name: process.env.ALLURE_REPORT_NAME || 'NitroConformance — ClearNode v0.5.x conformance',
    // History from previous runs (JSON lines); the CI restores it from cache before rendering and
    // saves it afterwards. Unset = no history.
    historyPath: process.env.ALLURE_HISTORY_PATH || undefined,
    historyLimit: 30,
    plugins: {
        awesome: {
            options: {
                reportLanguage: 'en',
                groupBy: ['parentSuite', 'suite', 'subSuite'],
            },
        },
    },
    qualityGate: {
        rules: [
            { id: 'suite-verdict', maxFailures: 0, filter: countedBySuite },
            { id: 'non-empty-run', minTestsCount: 1 },
        ],
    },
};
