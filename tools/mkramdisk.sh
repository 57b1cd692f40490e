#!/usr/bin/env bash
# mkramdisk.sh BUSYBOX BANNER [SCRIPT] > ramdisk.cpio.gz
# A minimal initramfs (newc cpio, gzip) whose /init prints BANNER on the console and sleeps.
# Written without cpio(1) or root: /dev/console is a device entry in the archive itself.
# With SCRIPT (a shell fragment, e.g. tools/ramdisk/devmem.sh), /init runs it after the banner,
# with /proc and /sys mounted, /dev/mem present and `say TEXT` printing "DOMINO-BANNER <name>: TEXT".
set -euo pipefail
busybox=$1
banner=$2
script=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$script" ]; then
	printf '#!/bin/sh\necho "%s"\nwhile true; do /bin/busybox sleep 3600; done\n' "$banner" > "$work/init"
else
	name=$(sed -n 's/^DOMINO-BANNER \([^:]*\):.*/\1/p' <<<"$banner")
	{
		printf '#!/bin/sh\necho "%s"\n' "$banner"
		printf 'say() { echo "DOMINO-BANNER %s: $*"; }\n' "$name"
		printf '/bin/busybox --install -s /bin\nmount -t proc proc /proc; mount -t sysfs sysfs /sys\n'
		cat "$script"
		printf 'while true; do sleep 3600; done\n'
	} > "$work/init"
fi

ino=1
header() { # name mode size rdevmajor rdevminor nlink
	local name=$1 namesize=$((${#1} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		$ino "$2" 0 0 "$6" 0 "$3" 0 0 "$4" "$5" $namesize 0
	printf '%s\0' "$name"
	head -c $(( (4 - (110 + namesize) % 4) % 4 )) /dev/zero
	ino=$((ino + 1))
}
pad() { head -c $(( (4 - $1 % 4) % 4 )) /dev/zero; }
file() { # path source
	local size
	size=$(stat -c %s "$2")
	header "$1" $((0100755)) "$size" 0 0 1
	cat "$2"
	pad "$size"
}
{
	header bin $((0040755)) 0 0 0 2
	header dev $((0040755)) 0 0 0 2
	header dev/console $((0020600)) 0 5 1 1
	if [ -n "$script" ]; then
		header dev/mem $((0020600)) 0 1 1 1
		header proc $((0040755)) 0 0 0 2
		header sys $((0040755)) 0 0 0 2
	fi
	file bin/busybox "$busybox"
	header bin/sh $((0120777)) 7 0 0 1
	printf busybox
	pad 7
	file init "$work/init"
	header 'TRAILER!!!' 0 0 0 0 1
} | gzip -9n
