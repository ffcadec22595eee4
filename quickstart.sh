#!/usr/bin/env bash
# The main job on the embedded reference node: the conformance suite (verdict + reports), then a
# short broadcast benchmark (latency/throughput report). Exits non-zero when either fails.
set -uo pipefail
cd "$(dirname "$0")"
status=0
dotnet test src/Conformance --filter Category=Conformance --logger "console;verbosity=minimal" || status=1
dotnet run --project src/Load -- "$@" || status=$?
echo
echo "Conformance report: reports/conformance/index.html (Markdown: index.md, JUnit: junit.xml, Allure: allure-results/)"
echo "Load report:        reports/load/<run>/report.html (the run directory is printed above)"
exit "$status"
