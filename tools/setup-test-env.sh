#!/usr/bin/env bash
# Installs what the test suite runs against, on a Debian machine that has only JDK 17, Maven,
# Node 20 and gcc: dtc, mkimage/dumpimage, QEMU (aarch64 and arm) and U-Boot for the boot tests,
# mtools for their disk, the arm64 and armhf cross compilers, flex, bison and make to build Xen
# from source (tools/xen-build.sh), Neovim as a third-party LSP client, Chromium for the VS Code
# test, Xvfb and GTK 3 for the Eclipse workbench test; then fetches the QEMU example's binaries and
# the boot matrix's (docs/boot-recipes.md). Safe to run again: it only installs what is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=()
need() { # command package
	command -v "$1" >/dev/null 2>&1 || packages+=("$2")
}
need dtc device-tree-compiler
need mkimage u-boot-tools
need qemu-system-aarch64 qemu-system-arm
need mformat mtools
need nvim neovim
need chromium chromium
need curl curl
need xz xz-utils
# building Xen from source (tools/xen-build.sh): cross compilers, Kconfig's flex and bison, make;
# the host gcc (for Kconfig) is assumed, with its libc headers
need aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
need arm-linux-gnueabihf-gcc gcc-arm-linux-gnueabihf
need flex flex
need bison bison
need make make
[ -f /usr/include/stdio.h ] || packages+=(libc6-dev)
# u-boot-qemu has both qemu_arm64/u-boot.bin and qemu_arm/u-boot.bin (arm32)
[ -f /usr/lib/u-boot/qemu_arm64/u-boot.bin ] || packages+=(u-boot-qemu)
# the Eclipse plug-in's workbench test: a virtual display, and the GTK 3 that SWT draws with
need xvfb-run xvfb
need xauth xauth
dpkg -s libgtk-3-0 >/dev/null 2>&1 || packages+=(libgtk-3-0)
dpkg -s libxtst6 >/dev/null 2>&1 || packages+=(libxtst6)   # the test's key presses (SWT's Display.post)
# fonts for readable screenshots of the VS Code test
[ -d /usr/share/fonts/truetype/dejavu ] || packages+=(fonts-dejavu-core)

if [ ${#packages[@]} -gt 0 ]; then
	echo "setup: installing ${packages[*]}"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

"$root/examples/fetch-binaries.sh"
# Xen 4.20, the arm32 kernel and Xen, and the probe ramdisks of the boot matrix
"$root/examples/qemu-virt/fetch-matrix.sh"
# a real VS Code (code-server, with the Node 24 it needs) and playwright-core for the extension's test
"$root/tools/vscode-test/setup.sh"
# the SARIF schema validator the tests use (npm packages pinned by its package-lock.json)
(cd "$root/tools/sarif-validate" && npm ci --no-audit --no-fund --loglevel=error)
echo "setup: done"
