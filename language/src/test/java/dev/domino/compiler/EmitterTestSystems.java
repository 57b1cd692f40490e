package dev.domino.compiler;

/** Systems shared by tests in this package. */
final class EmitterTestSystems {
	static final String DEMO = """
			import "qemu-virt.domino"
			system demo on qemu_virt {
			    xen 4.17 { image "bin/xen" bootargs "console=dtuart dtuart=/pl011@9000000" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web { memory 128M kernel linux ramdisk "bin/web.cpio.gz" console vpl011 }
			    domain rt { memory 128M kernel linux ramdisk "bin/rt.cpio.gz" console vpl011 after web }
			}
			""";

	private EmitterTestSystems() {
	}
}
