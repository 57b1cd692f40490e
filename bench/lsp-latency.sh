#!/usr/bin/env bash
# Prints the language server's figures: start to first diagnostics, didChange to
# publishDiagnostics latency (p50, p95) on 200- and 2,000-domain workspaces, and RSS: edits 11-70 of
# a fresh server (the issue's figures), then edits 151-210 of the same server (the JIT warm).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/domino" version >/dev/null   # builds the jar when needed
"$root/domino" lsp </dev/null >/dev/null 2>&1 || true   # makes the class-data archive outside the figures
exec java -cp "$root/lsp-server/target/domino.jar" "$root/bench/LspLatency.java" "$root"
