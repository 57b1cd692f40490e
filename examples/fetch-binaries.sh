#!/usr/bin/env bash
# Fills the examples' bin/ folders. Nothing here is committed: binaries come from Debian.
#  - qemu-virt/bin: Xen 4.17 and Linux from Debian's arm64 packages, busybox ramdisks (it boots);
#  - fvp-baser/bin: stand-ins with the right headers for the MPU example, which is compiled and
#    checked but cannot run here (no Armv8-R Xen build or FVP is available from the registries, and
#    no Xen release runs MPU guests yet): Xen's arm64 Image, and 1 MiB arm64 Images for the RTOSes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/qemu-virt/fetch-binaries.sh"
mkdir -p "$here/fvp-baser/bin"
[ -s "$here/fvp-baser/bin/xen" ] || cp "$here/qemu-virt/bin/xen" "$here/fvp-baser/bin/xen"
# an arm64 Image header (booting.rst: text_offset 0, image_size, magic ARM\x64 at 56) over 1 MiB
small_image() {
	{ printf '\x00\x00\x00\x14\x00\x00\x00\x00'; printf '\x00\x00\x00\x00\x00\x00\x00\x00'
	  printf '\x00\x00\x10\x00\x00\x00\x00\x00'; head -c 32 /dev/zero; printf 'ARM\x64'; head -c 4 /dev/zero
	  head -c $((1048576 - 64)) /dev/zero; } > "$1"
}
# stand-ins made by an earlier version were copies of Linux (32 MiB): replace those
for f in zephyr.bin rtos.bin; do
	target="$here/fvp-baser/bin/$f"
	if [ ! -s "$target" ] || [ "$(stat -c %s "$target")" -ne 1048576 ]; then small_image "$target"; fi
done
