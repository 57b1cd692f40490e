#!/usr/bin/env bash
# Prints the Eclipse plug-in's figures, measured in the real Eclipse 4.38 workbench the build assembles
# (under Xvfb when there is no display): the workbench start time (JVM start to the workbench's early
# start-up, median of 3 launches), the time from a keystroke that makes a mistake in a 2,000-domain system
# to the live annotation (the reconciler's 300 ms pause included), and the update site's size.
# Builds the plug-in first when it is missing: mvn -B -DskipTests -pl eclipse-plugin -am package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
eclipse="$root/eclipse-plugin/target/eclipse"
if [ ! -d "$eclipse/workbench/plugins" ]; then
	(cd "$root" && mvn -B -q -DskipTests -pl eclipse-plugin -am package)
fi
run() { # tests-class run-dir
	local dir="$eclipse/runs/$2"
	rm -rf "$dir" && mkdir -p "$dir/configuration"
	cp "$eclipse/workbench/configuration/config.ini" "$dir/configuration/"
	local xvfb=()
	[ -n "${DISPLAY:-}" ] || xvfb=(xvfb-run -a -s "-screen 0 1280x900x24")
	(cd "$eclipse/workbench" && DOMINO_NO_BUILD=1 "${xvfb[@]}" java -Xmx1g -Ddomino.eclipse.tests="$1" \
		-Ddomino.eclipse.junit="$dir/result.txt" -Ddomino.repo="$root" \
		-jar plugins/org.eclipse.equinox.launcher_*.jar -configuration "$dir/configuration" \
		-data "$dir/workspace" -nosplash -consoleLog >"$dir/eclipse.log" 2>&1)
	grep -q "failed=0" "$dir/result.txt" || { cat "$dir/result.txt" "$dir/eclipse.log" >&2; exit 1; }
}
starts=()
for i in 1 2 3; do
	run dev.domino.eclipse.tests.LiveBench "bench-$i"
	starts+=("$(sed -n 's/^STARTED workbench-ms=//p' "$eclipse/runs/bench-$i/result.txt")")
done
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
echo "workbench start (JVM start to early start-up): median ${median} ms of ${starts[*]} ms"
for i in 1 2 3; do
	r="$eclipse/runs/bench-$i/result.txt"
	echo "run $i: $(sed -n 's/^REPORT lines=//p' "$r") lines, keystroke to live annotation median" \
		"$(sed -n 's/^REPORT keystroke-to-annotation-median-ms=//p' "$r") ms, max" \
		"$(sed -n 's/^REPORT keystroke-to-annotation-max-ms=//p' "$r") ms; open and first check" \
		"$(sed -n 's/^REPORT open-and-first-check-ms=//p' "$r") ms"
done
site="$root/eclipse-plugin/target/domino-eclipse-site.zip"
dropins="$root/eclipse-plugin/target/domino-eclipse-dropins.zip"
echo "update site $(du -k "$site" | cut -f1) KiB, dropins zip $(du -k "$dropins" | cut -f1) KiB"
