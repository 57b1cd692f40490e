#!/usr/bin/env bash
# Regenerates qemu-virt.dtb: the device tree QEMU gives its virt machine, as the boot test
# starts it (GICv3, virtualization on, ACPI off, 2 CPUs, 2 GiB), without the random seeds QEMU adds.
# acpi=off matters: with firmware (U-Boot) and ACPI on, QEMU has no PL061 at 0x9030000 (an ACPI
# GED device instead), though a DTB dumped without firmware lists /pl061@9030000.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qemu-system-aarch64 -machine virt,gic-version=3,virtualization=true,acpi=off,dumpdtb="$tmp/virt.dtb" \
	-cpu cortex-a57 -smp 2 -m 2048 -display none -nic none 2>/dev/null
dtc -q -I dtb -O dts "$tmp/virt.dtb" | grep -v 'rng-seed\|kaslr-seed' | dtc -q -I dts -O dtb -o qemu-virt.dtb -
echo "wrote $(pwd)/qemu-virt.dtb"
