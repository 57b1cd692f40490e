#!/usr/bin/env bash
# Fills bin/ with what the boot matrix needs beyond demo.domino (docs/boot-recipes.md), all from
# Debian's packages; nothing here is committed. Needs curl, xz and dpkg-deb, not root.
#   bin/xen-4.20, bin/xen-4.20.config   trixie's xen-hypervisor-4.20-arm64 and its build config
#   bin/dom0.cpio.gz                    arm64 ramdisk for a classic dom0 (banner on hvc0)
#   bin/direct.cpio.gz                  prints the RAM banks of its device tree (direct map)
#   bin/owner.cpio.gz, bin/borrower.cpio.gz
#                                       busybox devmem on the shared page (tools/ramdisk/devmem.sh)
#   bin/gpio.cpio.gz                    probes for the PL061 GPIO (tools/ramdisk/gpio.sh)
#   bin/dom0-gpio.cpio.gz               a dom0 that prints its RAM banks and probes for the PL061 too
#   bin/arm32/xen, bin/arm32/zImage     bookworm armhf: xen-hypervisor-4.17-armhf, linux-image-armmp
#   bin/arm32/dom0.cpio.gz, bin/arm32/domu.cpio.gz
#                                       armhf busybox ramdisks
# Files already there are kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/../../tools"
bin="$here/bin"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$bin/arm32"
all=(xen-4.20 xen-4.20.config dom0.cpio.gz direct.cpio.gz owner.cpio.gz borrower.cpio.gz gpio.cpio.gz dom0-gpio.cpio.gz
	arm32/xen arm32/zImage arm32/dom0.cpio.gz arm32/domu.cpio.gz)
complete=1
for f in "${all[@]}"; do [ -s "$bin/$f" ] || complete=0; done
if [ $complete = 1 ]; then
	echo "bin/ has the boot matrix"
	exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# index SUITE ARCH: the package index, once
index() {
	local f="$work/Packages.$1.$2"
	if [ ! -s "$f" ]; then
		echo "fetching the $2 package index of $1" >&2
		curl -fsSL "$mirror/dists/$1/main/binary-$2/Packages.xz" | xz -dc > "$f"
	fi
	echo "$f"
}
# field INDEX FIELD PACKAGE: one field of a package's entry
field() {
	awk -v pkg="$3" -v f="$2" '
		/^Package: /{p = ($2 == pkg)}
		p && index($0, f ": ") == 1 {print substr($0, length(f) + 3); exit}' "$1"
}
# fetch SUITE ARCH PACKAGE: download, check and unpack into $work/SUITE-ARCH
fetch() {
	local idx file sum
	idx=$(index "$1" "$2")
	file=$(field "$idx" Filename "$3")
	sum=$(field "$idx" SHA256 "$3")
	[ -n "$file" ] || { echo "package $3 is not in $1/$2" >&2; exit 2; }
	echo "downloading $3 ($1 $2)"
	curl -fsSL "$mirror/$file" -o "$work/$3.deb"
	echo "$sum  $work/$3.deb" | sha256sum -c --quiet
	mkdir -p "$work/$1-$2"
	dpkg-deb -x "$work/$3.deb" "$work/$1-$2"
}

# Xen 4.20 (trixie), arm64
fetch trixie arm64 xen-hypervisor-4.20-arm64
cp "$work"/trixie-arm64/boot/xen-4.20-arm64 "$bin/xen-4.20"
cp "$work"/trixie-arm64/boot/xen-4.20-arm64.config "$bin/xen-4.20.config"

# arm64 ramdisks
fetch bookworm arm64 busybox-static
bb="$work/bookworm-arm64/bin/busybox"
"$tools/mkramdisk.sh" "$bb" "DOMINO-BANNER dom0: hello from dom0" "$tools/ramdisk/memory.sh" > "$bin/dom0.cpio.gz"
"$tools/mkramdisk.sh" "$bb" "DOMINO-BANNER direct: hello from a direct-mapped domain" "$tools/ramdisk/memory.sh" > "$bin/direct.cpio.gz"
for name in owner borrower; do
	"$tools/mkramdisk.sh" "$bb" "DOMINO-BANNER $name: hello from a domain sharing memory" "$tools/ramdisk/devmem.sh" > "$bin/$name.cpio.gz"
done
"$tools/mkramdisk.sh" "$bb" "DOMINO-BANNER gpio: hello from a domain with the PL061" "$tools/ramdisk/gpio.sh" > "$bin/gpio.cpio.gz"
cat "$tools/ramdisk/memory.sh" "$tools/ramdisk/gpio.sh" > "$work/dom0-gpio.sh"
"$tools/mkramdisk.sh" "$bb" "DOMINO-BANNER dom0: hello from dom0" "$work/dom0-gpio.sh" > "$bin/dom0-gpio.cpio.gz"

# arm32: Xen 4.17, the armmp kernel (a zImage) and busybox, armhf (bookworm)
idx=$(index bookworm armhf)
kernel=$(field "$idx" Depends linux-image-armmp | sed -E 's/^(linux-image-[^ ,]+).*/\1/')
fetch bookworm armhf xen-hypervisor-4.17-armhf
fetch bookworm armhf "$kernel"
fetch bookworm armhf busybox-static
cp "$work"/bookworm-armhf/boot/xen-4.17-armhf "$bin/arm32/xen"
cp "$work"/bookworm-armhf/boot/vmlinuz-* "$bin/arm32/zImage"    # Debian's armhf vmlinuz is a zImage
bb32="$work/bookworm-armhf/bin/busybox"
"$tools/mkramdisk.sh" "$bb32" "DOMINO-BANNER dom0: hello from an arm32 dom0" "$tools/ramdisk/memory.sh" > "$bin/arm32/dom0.cpio.gz"
"$tools/mkramdisk.sh" "$bb32" "DOMINO-BANNER domu: hello from an arm32 dom0less domain" "$tools/ramdisk/memory.sh" > "$bin/arm32/domu.cpio.gz"
ls -l "$bin" "$bin/arm32"
