#!/usr/bin/env bash
# Fills the examples' bin/ folders. Nothing here is committed: binaries come from Debian.
#  - qemu-virt/bin: Xen 4.17 and Linux from Debian's arm64 packages, busybox ramdisks (it boots);
#  - fvp-baser/bin: stand-ins with the right headers for the MPU example, which is compiled and
#    checked but cannot run here (no Armv8-R Xen build or FVP is available from the registries).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/qemu-virt/fetch-binaries.sh"
mkdir -p "$here/fvp-baser/bin"
[ -s "$here/fvp-baser/bin/xen" ] || cp "$here/qemu-virt/bin/xen" "$here/fvp-baser/bin/xen"
[ -s "$here/fvp-baser/bin/zephyr.bin" ] || cp "$here/qemu-virt/bin/Image" "$here/fvp-baser/bin/zephyr.bin"
[ -s "$here/fvp-baser/bin/rtos.bin" ] || cp "$here/qemu-virt/bin/Image" "$here/fvp-baser/bin/rtos.bin"
