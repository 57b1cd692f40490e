package dev.domino.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** U-Boot's environment as mkenvimage -s 0x40000 writes it. */
class BootDiskTest {
	@Test
	void theEnvironmentIsCrcThenNulSeparatedVariables() {
		byte[] env = BootDisk.environment(List.of("bootdelay=0", "bootcmd=virtio scan; load virtio 0 0x40200000 boot.scr"));
		assertEquals(0x40000, env.length);
		String data = new String(env, 4, 80, StandardCharsets.US_ASCII);
		assertEquals("bootdelay=0\0bootcmd=virtio scan; load virtio 0 0x40200000 boot.scr\0\0", data.substring(0,
				"bootdelay=0\0bootcmd=virtio scan; load virtio 0 0x40200000 boot.scr\0\0".length()));
		CRC32 crc = new CRC32();
		crc.update(env, 4, env.length - 4);
		long stored = (env[0] & 0xffL) | (env[1] & 0xffL) << 8 | (env[2] & 0xffL) << 16 | (env[3] & 0xffL) << 24;
		assertEquals(crc.getValue(), stored);
	}
}
