#!/usr/bin/env bash
# Prints how long the rule check takes for 1k, 10k and 100k ranges (median of 9 runs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/domino" version >/dev/null   # builds the jar when needed
exec java -Xss8m -Xmx4g -cp "$root/lsp-server/target/domino.jar" "$root/bench/CheckScaling.java" "$@"
