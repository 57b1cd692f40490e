import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a fleet: one board, one kernel image and COUNT system files importing the board, each
 * with DOMUS domains (arguments: DIR COUNT DOMUS). Used by bench/fleet.sh and bench/warm-compile.sh.
 */
public class Fleet {
	public static void main(String[] args) throws Exception {
		Path dir = Files.createDirectories(Path.of(args[0]));
		int count = Integer.parseInt(args[1]);
		int domus = Integer.parseInt(args[2]);
		Files.writeString(dir.resolve("board.domino"), """
				board big {
				    pa-bits 48
				    cpus 8
				    memory ram at 0x1_0000_0000 size 64G
				    device uart0 { compatible "arm,pl011" reg 0x900_0000 size 4K irq spi 1 }
				    device eth0 { compatible "smsc,lan9118" reg 0xa00_0000 size 64K irq spi 2 }
				}
				""");
		ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(16, 4096);
		b.putInt(56, 0x644d5241);
		Files.write(dir.resolve("Image"), b.array());
		for (int f = 0; f < count; f++) {
			StringBuilder s = new StringBuilder("import \"board.domino\"\n\nsystem variant").append(f).append(" on big {\n")
					.append("    xen 4.19 { image \"Image\" bootargs \"console=dtuart dtuart=uart0\" }\n")
					.append("    boot uboot booti { load \"tftpb\" window 0x1_0000_0000 .. 0x1_4000_0000 }\n")
					.append("    module linux kernel \"Image\"\n");
			for (int i = 0; i < domus; i++) {
				s.append("    domain d").append(i).append(" {\n        vcpus 1\n        memory ").append(16 + (f % 4) * 16)
						.append("M\n        kernel linux args \"console=ttyAMA0 quiet\"\n        console vpl011\n")
						.append("        enhanced no-xenstore\n").append(i > 0 ? "        after d" + (i - 1) + "\n" : "")
						.append("    }\n");
			}
			Files.writeString(dir.resolve("system" + f + ".domino"), s.append("}\n").toString());
		}
	}
}
