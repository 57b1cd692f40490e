#!/usr/bin/env bash
# Prints compile times at 2, 16 and 64 domUs: the whole process, the server's domino.compile, the
# domino:compile goal warm in one JVM (median of 5, min, max).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/domino" version >/dev/null   # builds the jar when needed
jar="$root/lsp-server/target/domino.jar"
if [ -d "$root/maven-plugin" ] && [ ! -d "$root/maven-plugin/target/classes/dev" ]; then
	# not offline: a fresh machine has not fetched the plugin API yet
	log=$(mktemp)
	if ! (cd "$root" && mvn -q -B -DskipTests -pl maven-plugin -am compile >"$log" 2>&1); then
		cat "$log" >&2
		echo "warm-compile: building maven-plugin failed (above)" >&2
		exit 1
	fi
	rm -f "$log"
fi
api=$(find "$HOME/.m2/repository/org/apache/maven/maven-plugin-api" -name 'maven-plugin-api-*.jar' | sort | tail -1)
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
javac -d "$src" -cp "$jar" "$root/bench/WarmCompile.java"
exec java -Dmojo.classpath="$src:$jar:$root/maven-plugin/target/classes:$api" -cp "$src:$jar" WarmCompile "$root"
