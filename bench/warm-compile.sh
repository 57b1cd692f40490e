#!/usr/bin/env bash
# Prints compile times at 2, 16 and 64 domUs: the whole process, the server's domino.compile, the
# domino:compile goal warm in one JVM (median of 5, min, max).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/domino" version >/dev/null   # builds the jar when needed
jar="$root/lsp-server/target/domino.jar"
if [ -d "$root/maven-plugin" ] && [ ! -d "$root/maven-plugin/target/classes/dev" ]; then
	(cd "$root" && mvn -q -B -o -DskipTests -pl maven-plugin -am compile >/dev/null)
fi
api=$(find "$HOME/.m2/repository/org/apache/maven/maven-plugin-api" -name 'maven-plugin-api-*.jar' | sort | tail -1)
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
javac -d "$src" -cp "$jar" "$root/bench/WarmCompile.java"
exec java -Dmojo.classpath="$src:$jar:$root/maven-plugin/target/classes:$api" -cp "$src:$jar" WarmCompile "$root"
