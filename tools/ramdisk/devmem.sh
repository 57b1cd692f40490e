# /init fragment (tools/mkramdisk.sh) for a shared-memory test, driven by the kernel command line:
#   domino.shm=ADDR                 the guest physical address of the shared page
#   domino.shm.write=VALUE          write VALUE (32 bits) there and say so;
# without domino.shm.write, wait up to 60 s until the word at ADDR is not zero and print it.
# First it lists the guest's /reserved-memory nodes (where Xen describes the shared pages).
for reg in /proc/device-tree/reserved-memory/*/reg; do
	[ -f "$reg" ] || continue
	node=${reg%/reg}
	say "reserved-memory ${node##*/}: $(hexdump -v -e '4/1 "%02x" " "' "$reg") $(cat "${node}/compatible" 2>/dev/null)"
done
addr=; value=
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	domino.shm=*) addr=${arg#domino.shm=} ;;
	domino.shm.write=*) value=${arg#domino.shm.write=} ;;
	esac
done
if [ -z "$addr" ]; then
	say "no domino.shm=ADDR on the command line"
elif [ -n "$value" ]; then
	devmem "$addr" 32 "$value" && say "shm wrote $value at $addr, reads back $(devmem "$addr" 32)"
else
	say "shm waiting at $addr (now $(devmem "$addr" 32))"
	i=0
	while [ $i -lt 60 ]; do
		v=$(devmem "$addr" 32)
		case "$v" in 0x00000000 | "") ;; *) say "shm read $v at $addr"; break ;; esac
		sleep 1
		i=$((i + 1))
	done
	[ $i -lt 60 ] || say "shm read nothing but zero at $addr in 60 s"
fi
