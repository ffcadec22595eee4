#!/bin/sh
# Container entry point: the first argument picks the program, the rest are passed on.
#   conformance [MTP options…]   the NUnit suite (results in $NITRO_RESULTS_DIR, default /work/reports/conformance)
#   load [harness arguments…]    the load harness (run, merge, compare…)
set -eu
home="${NITRO_HOME:-/opt/nitro}"
cmd="${1:-conformance}"
[ "$#" -gt 0 ] && shift
case "$cmd" in
  conformance) exec dotnet "$home/conformance/NitroConformance.Conformance.dll" --results-directory "${NITRO_RESULTS_DIR:-/work/reports/conformance}" "$@" ;;
  load)        exec dotnet "$home/load/NitroConformance.Load.dll" "$@" ;;
  *) echo "usage: conformance [options] | load [arguments]   (got '$cmd')" >&2; exit 2 ;;
esac
