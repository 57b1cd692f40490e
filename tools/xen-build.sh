#!/usr/bin/env bash
# xen-build.sh VERSION FRAGMENT
#
# Builds the Xen hypervisor from Debian's source with FRAGMENT (a Domino xen.config, a Kconfig
# fragment) merged into defconfig, then olddefconfig, and prints the path of the binary.
# Results are cached by content (the fragment's CONFIG_ lines, VERSION, the target architecture
# and this script) under ${DOMINO_CACHE:-~/.cache/domino}/xen/<hash>/: xen, .config, build.log.
# The source tarball is downloaded once into the cache and checked against its SHA-256.
#
# Only Xen 4.17 can be built here: Debian bookworm's source (4.17.5+72-g01140da4e8) is the one
# the registry serves; the 4.20 source tarballs of trixie and sid answer 404.
#
# The architecture is arm64 unless XEN_TARGET_ARCH=arm32 is set or FRAGMENT says CONFIG_ARM_32=y.
#
# Exit codes: 0 built (or cached), 1 the build failed (see the printed build.log),
# 2 usage, unsupported version or missing tools, 3 olddefconfig dropped or changed a CONFIG_
# line of FRAGMENT (those lines are listed: the fragment asks for something Kconfig will not give).
# Two invocations at once are safe: each configuration is built under its own lock.
set -euo pipefail

usage() { echo "usage: $0 VERSION FRAGMENT   (VERSION: 4.17)" >&2; exit 2; }
[ $# -eq 2 ] || usage
version=$1
fragment=$2
[ -f "$fragment" ] || { echo "xen-build.sh: $fragment: no such file" >&2; exit 2; }

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
case "$version" in
4.17 | 4.17.*)
	upstream=4.17.5+72-g01140da4e8
	tarball=xen_$upstream.orig.tar.xz
	url="$mirror/pool/main/x/xen/xen_4.17.5%2B72-g01140da4e8.orig.tar.xz"
	# Checksums-Sha256 of bookworm's xen_4.17.5+72-g01140da4e8-1.dsc
	sha256=53922f4d0a02c577f2ea9d63f65989cd88715779eebeed879ca1d314103ee06e
	;;
*)
	echo "xen-build.sh: Xen $version cannot be built from source here: the only Xen source the Debian" >&2
	echo "  registry serves is bookworm's 4.17 (4.17.5+72-g01140da4e8); the 4.20 source tarballs of" >&2
	echo "  trixie and sid answer 404. Use Debian's binary (e.g. trixie's xen-hypervisor-4.20-arm64)," >&2
	echo "  which has no STATIC_MEMORY, STATIC_SHM or BOOT_TIME_CPUPOOLS." >&2
	exit 2
	;;
esac

# the fragment's assignments: CONFIG_X=value and "# CONFIG_X is not set"; nothing else counts
wanted() {
	sed -n -E -e 's/^[[:space:]]*(CONFIG_[A-Za-z0-9_]+=.*[^[:space:]])[[:space:]]*$/\1/p' \
		-e 's/^[[:space:]]*# (CONFIG_[A-Za-z0-9_]+) is not set.*/# \1 is not set/p' "$1"
}
lines=$(wanted "$fragment")

arch=${XEN_TARGET_ARCH:-}
if [ -z "$arch" ]; then
	if grep -q -x 'CONFIG_ARM_32=y' <<<"$lines"; then arch=arm32; else arch=arm64; fi
fi
case "$arch" in
arm64) cross=${CROSS_COMPILE:-aarch64-linux-gnu-}; crosspkg=gcc-aarch64-linux-gnu ;;
arm32) cross=${CROSS_COMPILE:-arm-linux-gnueabihf-}; crosspkg=gcc-arm-linux-gnueabihf ;;
*) echo "xen-build.sh: XEN_TARGET_ARCH must be arm64 or arm32, not $arch" >&2; exit 2 ;;
esac

missing=()
# (python3 is not needed: an Arm hypervisor build ran with PYTHON=/bin/false)
for t in "${cross}gcc:$crosspkg" flex:flex bison:bison make:make gcc:gcc curl:curl xz:xz-utils flock:util-linux; do
	command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}")
done
[ -f /usr/include/stdio.h ] || missing+=(libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
	echo "xen-build.sh: missing tools; apt-get install --no-install-recommends ${missing[*]} (or run tools/setup-test-env.sh)" >&2
	exit 2
fi

cache="${DOMINO_CACHE:-$HOME/.cache/domino}/xen"
mkdir -p "$cache/src"
hash=$( { echo "xen $upstream $arch $cross"; echo "$lines"; cat "$0"; } | sha256sum | cut -c1-16)
dir="$cache/$hash"

if [ -s "$dir/xen" ]; then
	echo "$dir/xen"
	exit 0
fi

# one download, whoever gets there first
exec 8>"$cache/src/.lock"
flock 8
if [ ! -s "$cache/src/$tarball" ]; then
	echo "xen-build.sh: downloading $tarball" >&2
	curl -fsSL "$url" -o "$cache/src/$tarball.part"
	if ! echo "$sha256  $cache/src/$tarball.part" | sha256sum -c --quiet >/dev/null 2>&1; then
		rm -f "$cache/src/$tarball.part"
		echo "xen-build.sh: $url does not have the expected SHA-256 $sha256" >&2
		exit 1
	fi
	mv "$cache/src/$tarball.part" "$cache/src/$tarball"
fi
flock -u 8

# one build per configuration; a second caller waits and then finds the result
exec 9>"$cache/$hash.lock"
flock 9
if [ -s "$dir/xen" ]; then
	echo "$dir/xen"
	exit 0
fi

work=$(mktemp -d "$cache/$hash.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log="$work/build.log"
src="$work/xen-$upstream"
tar -C "$work" -xf "$cache/src/$tarball"
make=(make -C "$src/xen" XEN_TARGET_ARCH="$arch" CROSS_COMPILE="$cross")

start=$(date +%s)
echo "xen-build.sh: building Xen $upstream ($arch) for $fragment into $dir" >&2
failed() { # message
	mkdir -p "$cache/failed"
	cp "$log" "$cache/failed/$hash.build.log"
	echo "xen-build.sh: $1; log: $cache/failed/$hash.build.log" >&2
	tail -n 20 "$log" >&2
	exit 1
}
{ "${make[@]}" defconfig; } >"$log" 2>&1 || failed "make defconfig failed"
{ echo "# --- merged from $fragment"; echo "$lines"; } >>"$src/xen/.config"
{ "${make[@]}" olddefconfig; } >>"$log" 2>&1 || failed "make olddefconfig failed"

# every assignment of the fragment must have survived olddefconfig unchanged
lost=()
while IFS= read -r want; do
	[ -n "$want" ] || continue
	if [[ $want == "# "* ]]; then
		sym=${want#\# }
		sym=${sym%% *}
		if grep -q -E "^$sym=" "$src/xen/.config"; then
			lost+=("$want  (olddefconfig gave: $(grep -E "^$sym=" "$src/xen/.config"))")
		fi
	elif ! grep -q -x -F -- "$want" "$src/xen/.config"; then
		sym=${want%%=*}
		got=$(grep -E "^$sym=|^# $sym is not set" "$src/xen/.config" || true)
		lost+=("$want  (olddefconfig gave: ${got:-nothing: the symbol does not exist or its dependencies are off})")
	fi
done <<<"$lines"
if [ ${#lost[@]} -gt 0 ]; then
	mkdir -p "$cache/failed"
	cp "$src/xen/.config" "$cache/failed/$hash.config"
	echo "xen-build.sh: olddefconfig of Xen $upstream dropped or changed these lines of $fragment:" >&2
	printf '  %s\n' "${lost[@]}" >&2
	echo "  (the resulting .config: $cache/failed/$hash.config)" >&2
	exit 3
fi

{ "${make[@]}" -j"$(nproc)"; } >>"$log" 2>&1 || failed "the build failed"
end=$(date +%s)
echo "built in $((end - start)) s" >>"$log"

mkdir -p "$work/out"
cp "$src/xen/xen" "$work/out/xen"
cp "$src/xen/.config" "$work/out/.config"
cp "$log" "$work/out/build.log"
rm -rf "$dir"
mv "$work/out" "$dir"
echo "xen-build.sh: built in $((end - start)) s" >&2
echo "$dir/xen"
