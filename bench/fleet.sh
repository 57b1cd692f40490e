#!/usr/bin/env bash
# Prints how long one `domino check` of a fleet takes (100 and 1,000 system files importing one
# board, 4 domains each), with --jobs 1 and 2, and its peak RSS: median of RUNS (default 5), min, max.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
"$root/domino" version >/dev/null   # builds the jar when needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %s (min %s, max %s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
for count in 100 1000; do
	java "$root/bench/Fleet.java" "$work/fleet$count" "$count" 4
	files=("$work/fleet$count"/system*.domino)
	for jobs in ${JOBS:-1 2}; do
		: >"$work/times"; : >"$work/rss"
		for _ in $(seq "$runs"); do
			/usr/bin/time -f "%e %M" -o "$work/one" "$root/domino" check $([ "$jobs" -gt 1 ] && echo --jobs "$jobs") "${files[@]}" >"$work/out" || {
				tail -3 "$work/out"; exit 1; }
			read -r secs kib <"$work/one"
			awk -v s="$secs" 'BEGIN {printf "%d\n", s * 1000}' >>"$work/times"
			echo $((kib / 1024)) >>"$work/rss"
		done
		printf 'domino check, %4d files x 4 domUs, --jobs %d: %s ms, peak RSS %s MiB  (%s)\n' "$count" "$jobs" \
			"$(stats <"$work/times")" "$(stats <"$work/rss")" "$(tail -1 "$work/out")"
	done
done
one=("$work/fleet100/system0.domino")
: >"$work/times"
for _ in $(seq "$runs"); do
	/usr/bin/time -f "%e %M" -o "$work/one" "$root/domino" check "${one[@]}" >/dev/null
	read -r secs _ <"$work/one"
	awk -v s="$secs" 'BEGIN {printf "%d\n", s * 1000}' >>"$work/times"
done
printf 'domino check, 1 file (a process per file, for comparison): %s ms\n' "$(stats <"$work/times")"
