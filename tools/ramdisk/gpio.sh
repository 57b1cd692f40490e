# /init fragment (tools/mkramdisk.sh) for a passthrough test: does the guest's kernel see and
# probe the PL061 GPIO it was given?
devs=$(ls /sys/bus/amba/devices /sys/bus/platform/devices 2>/dev/null | grep -i -e pl061 -e gpio | tr '\n' ' ')
if [ -n "$devs" ]; then say "gpio devices: $devs"; else say "gpio devices: none"; fi
for chip in /sys/class/gpio/gpiochip*; do
	[ -e "$chip" ] && say "gpiochip ${chip##*/}: label $(cat "$chip/label") base $(cat "$chip/base") ngpio $(cat "$chip/ngpio")"
done
dmesg | grep -i -e pl061 -e gpio | while IFS= read -r line; do say "dmesg: $line"; done
