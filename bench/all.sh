#!/usr/bin/env bash
# Every figure of issue 15's table and the new ones, in one command (medians, min/max), each
# section headed by the load average it ran under: the machine is shared, so read figures
# against it and compare before/after runs taken back to back.
#   lsp-latency.sh    start to first diagnostics; didChange p50/p95 at 200 and 2,000 domains, on a fresh
#                     server and once the JIT is warm; RSS
#   check-scaling.sh  the overlap sweep (check of 1k/10k/100k ranges) and text -> check, warm
#   fleet.sh          domino check of 100 and 1,000 files on one board, --jobs 1 and 2; peak RSS
#   warm-compile.sh   compile at 2/16/64 domUs: whole process, server domino.compile, domino:compile
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/domino" version >/dev/null   # builds the jar (and, on first use, the archives) outside the figures
"$root/domino" lsp </dev/null >/dev/null 2>&1 || true
"$root/domino" check /dev/null >/dev/null 2>&1 || true
export DOMINO_NO_BUILD=1
for bench in lsp-latency check-scaling fleet warm-compile; do
	echo "== $bench ($(date -u +%H:%M:%S) UTC, load average$(uptime | sed 's/.*load average//'))"
	bash "$root/bench/$bench.sh"
done
echo "== done ($(date -u +%H:%M:%S) UTC, load average$(uptime | sed 's/.*load average//'))"
