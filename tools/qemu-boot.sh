#!/usr/bin/env bash
# qemu-boot.sh OUT_DIR SYSTEM_DIR LOG [EXPECT...]
#
# Boots a compiled QEMU virt system: U-Boot from Debian's u-boot-qemu, a U-Boot environment
# that loads OUT_DIR/boot.scr at the address Domino chose and sources it, and a FAT disk
# holding every file the script loads (outputs from OUT_DIR, inputs from SYSTEM_DIR, at the
# names the script uses). Console output goes to LOG. Returns 0 once every EXPECT string has
# appeared on the console, 1 if Xen panics, U-Boot gives up on the script, a guest kernel panics
# or the time runs out first (BOOT_TIMEOUT, 120 s).
# The machine can be changed for the boot matrix (docs/boot-recipes.md): QEMU (the binary,
# qemu-system-aarch64), QEMU_MACHINE (virt,gic-version=3,virtualization=true,acpi=off), QEMU_CPU
# (cortex-a57), QEMU_SMP (2), QEMU_MEM (2048), UBOOT_BIN (Debian's qemu_arm64 U-Boot); QEMU_EXTRA
# adds arguments (split at spaces), e.g. "-d guest_errors -D qemu.log".
set -euo pipefail
out=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
log=$3
shift 3
expect=("$@")
uboot=${UBOOT_BIN:-/usr/lib/u-boot/qemu_arm64/u-boot.bin}
timeout=${BOOT_TIMEOUT:-120}
qemu=${QEMU:-qemu-system-aarch64}
machine=${QEMU_MACHINE:-virt,gic-version=3,virtualization=true,acpi=off}
for tool in "$qemu" mkenvimage mformat mcopy mmd; do
	command -v "$tool" >/dev/null || { echo "qemu-boot.sh: $tool is missing (run tools/setup-test-env.sh)" >&2; exit 2; }
done
[ -f "$uboot" ] || { echo "qemu-boot.sh: $uboot is missing (apt-get install u-boot-qemu)" >&2; exit 2; }

work=$(mktemp -d)
qemu_pid=
cleanup() {
	[ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

# the script address: "Start it with: <load> 0x... boot.scr; source 0x..."
start=$(sed -n 's/^# Start it with: //p' "$out/boot.source")
script_addr=$(sed -n 's/.*; source \(0x[0-9a-fA-F]*\)$/\1/p' <<<"$start")
load=${start%% 0x*}

# the disk: every file the script loads, plus boot.scr
truncate -s 256M "$work/disk.img"
mformat -i "$work/disk.img" -v DOMINO ::
add() { # name-on-disk source-file
	local dir
	dir=$(dirname "$1")
	if [ "$dir" != . ]; then
		local path=""
		IFS=/ read -ra parts <<<"$dir"
		for p in "${parts[@]}"; do
			path="$path/$p"
			mmd -i "$work/disk.img" "::$path" 2>/dev/null || true
		done
	fi
	mcopy -i "$work/disk.img" -o "$2" "::/$1"
}
add boot.scr "$out/boot.scr"
while IFS= read -r name; do
	if [ -f "$out/$name" ]; then add "$name" "$out/$name"; else add "$name" "$src/$name"; fi
done < <(sed -n "s/^.* 0x[0-9a-fA-F]* '\(.*\)'$/\1/p" "$out/boot.source")

# U-Boot's environment lives in the second flash bank
printf 'bootdelay=0\nbootcmd=virtio scan; %s %s boot.scr; source %s\n' "$load" "$script_addr" "$script_addr" > "$work/env.txt"
mkenvimage -s 0x40000 -o "$work/env.img" "$work/env.txt"
truncate -s 64M "$work/env.img"
cp "$uboot" "$work/u-boot.bin"
truncate -s 64M "$work/u-boot.bin"

: > "$log"
"$qemu" -machine "$machine" -cpu "${QEMU_CPU:-cortex-a57}" -smp "${QEMU_SMP:-2}" -m "${QEMU_MEM:-2048}" \
	-display none -monitor none -nic none -no-reboot -serial "file:$log" \
	-drive if=pflash,format=raw,index=0,file="$work/u-boot.bin",readonly=on \
	-drive if=pflash,format=raw,index=1,file="$work/env.img" \
	-drive if=none,file="$work/disk.img",format=raw,id=disk -device virtio-blk-device,drive=disk \
	${QEMU_EXTRA:-} \
	>/dev/null 2>&1 &
qemu_pid=$!
started=$(date +%s.%N)

fatal='Wrong Image Format for bootm|ERROR: can.t get kernel image|ERROR: FDT image overlaps|Bad Linux ARM(64)? Image magic|Unable to read file|Failed to load .|"Synchronous Abort" handler|Kernel panic - not syncing'
deadline=$(( $(date +%s) + timeout ))
while [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 0.5
	missing=0
	for e in "${expect[@]}"; do
		grep -a -q -F -- "$e" "$log" || missing=1
	done
	if [ $missing = 0 ]; then
		echo "qemu-boot.sh: booted in $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s: every expected line is on the console ($log)"
		exit 0
	fi
	if grep -a -q -E 'Panic on CPU|Xen BUG at|Could not set up domain|Reboot in five seconds' "$log"; then
		sleep 1
		echo "qemu-boot.sh: Xen failed: $(grep -a -m1 -E 'Panic on CPU|Xen BUG at|Could not set up domain' "$log")" >&2
		exit 1
	fi
	# U-Boot giving up on the script, or a guest kernel dying (its console lines are Xen's)
	if grep -a -q -E "$fatal" "$log"; then
		sleep 1
		echo "qemu-boot.sh: the boot failed: $(grep -a -m1 -E "$fatal" "$log")" >&2
		exit 1
	fi
	kill -0 "$qemu_pid" 2>/dev/null || break
done
echo "qemu-boot.sh: the console never showed every expected line ($log)" >&2
exit 1
