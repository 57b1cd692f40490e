# /init fragment (tools/mkramdisk.sh): prints the RAM banks the guest was given, from its device
# tree: "memory <node>: <reg cells in hex>" (two cells address, two cells size on arm64).
for reg in /proc/device-tree/memory*/reg; do
	[ -f "$reg" ] || continue
	node=${reg%/reg}
	say "memory ${node##*/}: $(hexdump -v -e '4/1 "%02x" " "' "$reg")"
done
