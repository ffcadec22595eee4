#!/usr/bin/env bash
# Renders the conformance suite's Allure results as HTML (Allure 3, tools/allure) with the history of
# earlier runs, then applies the Allure quality gate that mirrors the suite's own verdict
# (tools/allure/allurerc.mjs).
#
#   tools/allure-render.sh [RESULTS_DIR] [REPORT_DIR]
#     RESULTS_DIR  default reports/conformance/allure-results
#     REPORT_DIR   default reports/conformance/allure-report
#   ALLURE_HISTORY_DIR  folder holding history.jsonl from earlier runs (default reports/conformance/allure-history);
#                       this run is appended to it.
#
# Exit: 0 report rendered and quality gate passed; 1 quality gate failed; 2 usage / install / render error.
# With $GITHUB_OUTPUT set it also writes quality-gate=pass|fail there.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tool="$repo/tools/allure"

results="$(realpath -m "${1:-$repo/reports/conformance/allure-results}")"
report="$(realpath -m "${2:-$repo/reports/conformance/allure-report}")"
history_dir="$(realpath -m "${ALLURE_HISTORY_DIR:-$repo/reports/conformance/allure-history}")"

gate_output() { [ -n "${GITHUB_OUTPUT:-}" ] && echo "quality-gate=$1" >>"$GITHUB_OUTPUT"; return 0; }

if ! compgen -G "$results/*-result.json" >/dev/null; then
  echo "error: no Allure results (*-result.json) in $results — run the conformance suite first" >&2
  gate_output fail
  exit 2
fi
if ! command -v node >/dev/null 2>&1; then
  echo "error: node is not on PATH; Allure 3 needs Node.js >= 20" >&2
  gate_output fail
  exit 2
fi
if [ ! -f "$tool/node_modules/allure/cli.js" ]; then
  echo "installing Allure (npm ci in tools/allure)..."
  if ! (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "error: npm ci failed in tools/allure (no registry access?)" >&2
    gate_output fail
    exit 2
  fi
fi

# Node 20 lacks Iterator.prototype.toArray, which Allure's quality gate uses.
node_opts="${NODE_OPTIONS:-}"
if ! node -e 'process.exit(typeof [].values().toArray === "function" ? 0 : 1)'; then
  node_opts="$node_opts --import=$tool/node20-compat.mjs"
fi

mkdir -p "$history_dir"
history_file="$history_dir/history.jsonl"
# ALLURE_HISTORY_PATH is read by allurerc.mjs; only `generate` gets it, so one run adds one entry.
allure() { (cd "$tool" && NODE_OPTIONS="$node_opts" node "$tool/node_modules/allure/cli.js" "$@"); }

rm -rf "$report"
if ! ALLURE_HISTORY_PATH="$history_file" allure generate --config "$tool/allurerc.mjs" --output "$report" "$results"; then
  echo "error: allure generate failed for $results" >&2
  gate_output fail
  exit 2
fi
runs=$(wc -l <"$history_file" 2>/dev/null || echo 0)
echo "Allure report: $report/index.html (history: $runs run(s) in $history_file)"

if ALLURE_HISTORY_PATH= allure quality-gate --config "$tool/allurerc.mjs" "$results"; then
  echo "Allure quality gate: passed"
  gate_output pass
  exit 0
fi
echo "Allure quality gate: FAILED"
gate_output fail
exit 1
