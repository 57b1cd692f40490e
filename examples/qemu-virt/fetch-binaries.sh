#!/usr/bin/env bash
# Fills bin/ with what demo.domino boots: Xen 4.17 and a Linux kernel from Debian bookworm's
# arm64 packages, and two tiny busybox ramdisks that print a banner. Needs curl, xz and
# dpkg-deb (all on Debian), not root. Files already there are kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/bin"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${DEBIAN_SUITE:-bookworm}"
mkdir -p "$bin"
if [ -s "$bin/xen" ] && [ -s "$bin/Image" ] && [ -s "$bin/web.cpio.gz" ] && [ -s "$bin/rt.cpio.gz" ]; then
	echo "bin/ is complete"
	exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetching the arm64 package index of $suite"
curl -fsSL "$mirror/dists/$suite/main/binary-arm64/Packages.xz" | xz -dc > "$work/Packages"

# field FIELD PACKAGE: one field of a package's entry
field() {
	awk -v pkg="$2" -v f="$1" '
		/^Package: /{p = ($2 == pkg)}
		p && index($0, f ": ") == 1 {print substr($0, length(f) + 3); exit}' "$work/Packages"
}
fetch() {
	local pkg=$1 file sum
	file=$(field Filename "$pkg")
	sum=$(field SHA256 "$pkg")
	[ -n "$file" ] || { echo "package $pkg is not in $suite" >&2; exit 2; }
	echo "downloading $pkg"
	curl -fsSL "$mirror/$file" -o "$work/$pkg.deb"
	echo "$sum  $work/$pkg.deb" | sha256sum -c --quiet
	mkdir -p "$work/root"
	dpkg-deb -x "$work/$pkg.deb" "$work/root"
}

kernel=$(field Depends linux-image-arm64 | sed -E 's/^(linux-image-[^ ,]+).*/\1/')
fetch xen-hypervisor-4.17-arm64
fetch "$kernel"
fetch busybox-static
cp "$work"/root/boot/xen-4.17-arm64 "$bin/xen"
cp "$work"/root/boot/vmlinuz-* "$bin/Image"      # Debian's arm64 vmlinuz is a plain Image
for name in web rt; do
	"$here/../../tools/mkramdisk.sh" "$work/root/bin/busybox" "DOMINO-BANNER $name: hello from a dom0less domain" \
		> "$bin/$name.cpio.gz"
done
ls -l "$bin"
