#!/usr/bin/env bash
# Release gate: runs one part against the node under test and writes verdict=pass|fail to
# $GITHUB_OUTPUT. Exits 0 whenever the part ran (its verdict decides the job in the last step),
# non-zero only when it could not run at all.
#
#   tools/gate-run.sh conformance   env: TARGET_URL TREASURY_PRIVATE_KEY GATE_ASSET GATE_PROTOCOLS
#                                        GATE_STRICTNESS GATE_KNOWN_FAILING GATE_NODE_FLAVOUR GATE_SUITE_SETTINGS
#   tools/gate-run.sh load          env: TARGET_URL GATE_LOAD_PROFILE (name in scenarios/load or path)
#                                        GATE_LOAD_DURATION (seconds) GATE_LOAD_THRESHOLDS (one per line)
# Expects a Release build (dotnet build -c Release).
set -uo pipefail
cd "$(dirname "$0")/.."
out="${GITHUB_OUTPUT:-/dev/null}"
part="${1:-}"

verdict() {
  echo "verdict=$1" >>"$out"
  echo "$part verdict: $1"
}

require() {
  for v in "$@"; do
    if [ -z "${!v:-}" ]; then echo "error: $v is not set" >&2; exit 2; fi
  done
}

case "$part" in
  conformance)
    require TARGET_URL TREASURY_PRIVATE_KEY
    export NITRO_TARGET__URL="$TARGET_URL"
    export NITRO_TARGET__TREASURYKEY="$TREASURY_PRIVATE_KEY"
    export NITRO_TARGET__ASSETS__usdc="${GATE_ASSET:-usdc}"
    case "${GATE_STRICTNESS:-strict}" in
      strict) export NITRO_RUN__STRICT=true ;;
      lenient) export NITRO_RUN__STRICT=false ;;
      *) echo "error: strictness must be strict or lenient, got '${GATE_STRICTNESS}'" >&2; exit 2 ;;
    esac
    # A known node flavour brings the shipped known-failing list of that node (an explicit list wins).
    case "${GATE_NODE_FLAVOUR:-}" in
      "") ;;
      go-v0.5) [ -z "${GATE_KNOWN_FAILING:-}" ] && GATE_KNOWN_FAILING="$PWD/src/Conformance/KnownFailing/clearnode-go-v0.5.txt" ;;
      *) echo "error: node-flavour must be empty or go-v0.5, got '${GATE_NODE_FLAVOUR}'" >&2; exit 2 ;;
    esac
    if [ -n "${GATE_KNOWN_FAILING:-}" ]; then
      if [ ! -f "$GATE_KNOWN_FAILING" ]; then echo "error: known-failing file not found: $GATE_KNOWN_FAILING" >&2; exit 2; fi
      export NITRO_TARGET__KNOWNFAILING="$GATE_KNOWN_FAILING"
    fi
    # Further suite settings, one NITRO_KEY=VALUE per line (e.g. NITRO_TARGET__FEATURES=transfer,session-keys).
    while IFS= read -r line; do
      [ -z "${line// }" ] && continue
      case "$line" in
        NITRO_*=*) export "${line?}" ;;
        *) echo "error: suite setting '$line' is not NITRO_KEY=VALUE" >&2; exit 2 ;;
      esac
    done <<<"${GATE_SUITE_SETTINGS:-}"

    # Only the target cases (category Conformance), optionally one protocol (category protocol-0.x).
    filter="Category=Conformance"
    IFS=',' read -ra protocols <<<"${GATE_PROTOCOLS:-NitroRPC/0.2,NitroRPC/0.4}"
    if [ "${#protocols[@]}" -eq 1 ]; then
      p="$(echo "${protocols[0]}" | tr -d ' ')"
      case "$p" in
        NitroRPC/0.2|NitroRPC/0.4) filter="$filter&Category=protocol-${p#NitroRPC/}" ;;
        *) echo "error: unknown protocol '$p' (NitroRPC/0.2, NitroRPC/0.4)" >&2; exit 2 ;;
      esac
    fi

    # The suite writes reports/conformance/{allure-results,junit.xml,summary.json,index.md,index.html}.
    mkdir -p reports/conformance
    if dotnet test src/Conformance -c Release --no-build --nologo --filter "$filter" \
         --logger "trx;LogFileName=conformance.trx" --results-directory reports/conformance/trx; then
      verdict pass
    else
      verdict fail
    fi
    ;;

  load)
    require TARGET_URL
    profile="${GATE_LOAD_PROFILE:-broadcast}"
    # A bare name is one of the shipped profiles (scenarios/load/NAME.yaml).
    case "$profile" in
      */*|*.yaml|*.yml) ;;
      *) profile="scenarios/load/$profile.yaml" ;;
    esac
    if [ ! -f "$profile" ]; then echo "error: load profile not found: $profile" >&2; exit 2; fi
    # The harness loads loopback targets only unless told the node is the operator's own.
    case "$TARGET_URL" in
      ws://127.*|ws://localhost*|ws://\[::1\]*|wss://127.*|wss://localhost*) ;;
      *) export NITRO_LOAD_ALLOW_REMOTE=1 ;;
    esac
    args=(run --profile "$profile" --target "$TARGET_URL" --out reports/load --quiet)
    [ -n "${GATE_LOAD_DURATION:-}" ] && args+=(--duration "${GATE_LOAD_DURATION}s")
    # Thresholds given to the gate replace the profile's.
    thresholds=()
    while IFS= read -r t; do
      [ -z "${t// }" ] && continue
      thresholds+=(--threshold "$t")
    done <<<"${GATE_LOAD_THRESHOLDS:-}"
    [ "${#thresholds[@]}" -gt 0 ] && args+=(--no-thresholds "${thresholds[@]}")
    mkdir -p reports/load
    dotnet src/Load/bin/Release/net10.0/NitroConformance.Load.dll "${args[@]}"
    rc=$?
    case $rc in
      0) verdict pass ;;
      99) verdict fail ;;  # a threshold failed (k6 convention)
      *) echo "error: the load harness could not run (exit $rc)" >&2; verdict fail ;;
    esac
    ;;

  *)
    echo "usage: tools/gate-run.sh conformance|load" >&2
    exit 2
    ;;
esac
exit 0
