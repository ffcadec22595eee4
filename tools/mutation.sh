#!/usr/bin/env bash
# Mutation score of one folder of the reference node, with only the conformance cases as tests.
#
#   tools/mutation.sh [AppSessions|State|Transfers|Auth|Envelope]   (default: AppSessions; Ledger = State, its old name)
#   env: MUTATION_CONCURRENCY (Stryker test processes, default 1: the cases already use loopback sockets)
#        MUTATION_TIMEOUT_MIN (stop Stryker after this many minutes, default 0 = no limit)
#        MUTATION_ONLY (narrower Stryker mutate pattern inside the folder, e.g. 'TransferHandler.cs{54..57}' to
#                       re-check a few survivors; default: every file of the folder)
#
# Stryker.NET (pinned in .config/dotnet-tools.json) mutates src/Fixtures/<folder>/*.cs and runs
# tests/Conformance.Mutation, a test project that holds the conformance cases and nothing else,
# sequentially so that per-test coverage attributes each mutant to the cases that reach it.
# Mutants inside seeded-defect guards (`Has(DefectId.…)`) stay in the run: those that change behaviour with no
# defect on are killed like any other; the survivors only matter with a defect on and are listed as equivalent
# in docs/mutation.md (no marks in the node's code, so the count is not biased by hand-picked exclusions).
# tests/Conformance.Mutation/stryker-config.json sets disable-mix-mutants: Stryker otherwise tests mutants whose cases do
# not overlap in one test session, and with bail on that session stops at the first failing case, so the other mutants
# of the group, whose cases never ran, were reported as survivors (measured: EnvelopeDecoder.cs:181 and :185 "survived"
# when mixed, killed when tested alone). Alone, each mutant keeps bail on: its session stops at its first failing case,
# which makes a whole-folder run several times faster than with bail off (every covering case run for every mutant).
# Reports: reports/mutation/<folder>/ (html + json, and the frozen scenarios); the score line is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:-AppSessions}"
case "$folder" in
  Ledger) folder=State ;;
  AppSessions|State|Transfers|Auth|Envelope) ;;
  *) echo "error: folder '$folder' is not one of AppSessions, State (Ledger), Transfers, Auth, Envelope" >&2; exit 2 ;;
esac
if [ ! -d "src/Fixtures/$folder" ]; then echo "error: src/Fixtures/$folder does not exist" >&2; exit 2; fi

dotnet tool restore >/dev/null
out="$PWD/reports/mutation/$folder"
mkdir -p "$out"
# The cases read scenarios/ at run time: freeze a copy so that edits made while Stryker runs (hours on a
# small machine) cannot change the test set between mutants.
rm -rf "$out/scenarios"
cp -r scenarios "$out/scenarios"
export NITRO_RUN__SCENARIOSDIRECTORY="$out/scenarios"
# A mutant that breaks the node's start (e.g. the treasury's credit) makes the cases SKIPPED ("not enough funds"), which
# NUnit reports as ignored, so Stryker counted such mutants as survivors (measured: NodeLedgerState.cs:129, the row insert
# removed, "survived"). Under mutation a case that cannot run fails.
export NITRO_RUN__NOTRUNFAILS=true
limit="${MUTATION_TIMEOUT_MIN:-0}"
run=(dotnet dotnet-stryker
  --project NitroConformance.Fixtures.csproj
  --mutate "**/Fixtures/$folder/${MUTATION_ONLY:-**/*.cs}"
  --concurrency "${MUTATION_CONCURRENCY:-1}"
  --reporter html --reporter json --reporter progress
  --output "$out"
  --log-to-file
  --skip-version-check)
cd tests/Conformance.Mutation
if [ "$limit" -gt 0 ]; then
  timeout --signal=INT "${limit}m" "${run[@]}" || echo "stryker stopped (exit $?); partial results in $out" >&2
else
  "${run[@]}"
fi
report="$(ls -t "$out"/*/reports/mutation-report.json "$out"/reports/mutation-report.json 2>/dev/null | head -1 || true)"
if [ -n "$report" ]; then
  python3 - "$report" "$folder" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
counts = {}
for f in data["files"].values():
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
killed = counts.get("Killed", 0) + counts.get("Timeout", 0)
survived = counts.get("Survived", 0)
uncovered = counts.get("NoCoverage", 0)
total = killed + survived + uncovered
score = 100.0 * killed / total if total else 0.0
print(f"{sys.argv[2]}: killed {killed}, survived {survived}, no coverage {uncovered}, "
      f"ignored {counts.get('Ignored', 0)}, compile errors {counts.get('CompileError', 0)}: score {score:.1f} %")
PY
fi
