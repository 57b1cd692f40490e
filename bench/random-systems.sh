#!/usr/bin/env bash
# random-systems.sh N [SEED]
#
# Generates N random systems on QEMU's virt board (examples RandomSystems), checks each, and boots
# every accepted one on a Xen 4.17 built from its own xen.config (tools/xen-build.sh, cached per
# configuration under ~/.cache/domino/xen). Prints accepted / booted / rejected, and the rejections
# per rule id; every accepted system that did not boot is printed with its source and console.
# Runs on a copy of the tree (without target/), so the tree can be edited meanwhile.
# Exit code: 0 when every accepted system booted. RANDOM_FIRST=K starts at system K,
# RANDOM_TIMEOUT=S overrides the boot limit (default 40 s + 10 s per domain).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 N [SEED]" >&2; exit 2; }
n=$1
seed=${2:-1}
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/examples/fetch-binaries.sh" >/dev/null
copy=$(mktemp -d "${TMPDIR:-/tmp}/domino-random.XXXXXX")
mkdir -p "$root/bench/results"
keep() { cp "$copy"/examples/target/random/progress-*.txt "$copy"/examples/target/random/summary-*.txt "$root/bench/results/" 2>/dev/null || true; rm -rf "$copy"; }
trap keep EXIT
(cd "$root" && tar --exclude=./.git --exclude='*/target' --exclude='*/node_modules' -cf - .) | tar -C "$copy" -xf -
start=$(date +%s)
props=(-Drandom.count="$n" -Drandom.seed="$seed" -Drandom.first="${RANDOM_FIRST:-0}")
[ -n "${RANDOM_TIMEOUT:-}" ] && props+=(-Drandom.timeout="$RANDOM_TIMEOUT")
set +e
(cd "$copy" && mvn -o -q -B -pl examples -am test -Dtest=RandomSystemsTest -Dsurefire.failIfNoSpecifiedTests=false \
	"${props[@]}") >"$copy/mvn.log" 2>&1
code=$?
set -e
summary="$copy/examples/target/random/summary-$seed.txt"
if [ -f "$summary" ]; then
	cp "$summary" "$root/bench/results/random-systems-$seed-$n.txt"
	cat "$summary"
else
	tail -60 "$copy/mvn.log"
fi
echo "wall time $(( $(date +%s) - start )) s (seed $seed, $n systems; summary in bench/results/random-systems-$seed-$n.txt)"
exit $code
