#!/usr/bin/env bash
# mkramdisk.sh BUSYBOX BANNER > ramdisk.cpio.gz
# A minimal initramfs (newc cpio, gzip) whose /init prints BANNER on the console and sleeps.
# Written without cpio(1) or root: /dev/console is a device entry in the archive itself.
set -euo pipefail
busybox=$1
banner=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\necho "%s"\nwhile true; do sleep 3600; done\n' "$banner" > "$work/init"

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
	file bin/busybox "$busybox"
	header bin/sh $((0120777)) 7 0 0 1
	printf busybox
	pad 7
	file init "$work/init"
	header 'TRAILER!!!' 0 0 0 0 1
} | gzip -9n
