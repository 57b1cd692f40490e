package dev.domino.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The files QEMU starts from: a FAT disk (mtools) with boot.scr and every file the script loads,
 * at the names it loads them by; U-Boot padded to its 64 MiB flash bank; and U-Boot's environment
 * in the second bank ({@code bootdelay=0}, {@code bootcmd=virtio scan; <the script's start command>}).
 */
final class BootDisk {
	static final long FLASH = 64L << 20;
	/** qemu_arm64's and qemu_arm's CONFIG_ENV_SIZE. */
	static final int ENV_SIZE = 0x40000;

	private BootDisk() {
	}

	/**
	 * Name on disk to the file it comes from: an output when it is one, else the input the model names,
	 * else the file beside the system; Xen's replaced by {@code xen} when given. Names found nowhere are
	 * left off: U-Boot then says it cannot read them, and the run says which declaration loads them.
	 */
	static Map<String, Path> files(Compiled compiled, Path sourceDir, Map<String, Path> inputs, Path xen) {
		Map<String, Path> out = new LinkedHashMap<>();
		out.put("boot.scr", compiled.outputs().resolve("boot.scr"));
		for (Compiled.Load load : compiled.loads()) {
			String name = load.name();
			Path file = compiled.outputs().resolve(name);
			if (xen != null && name.equals(compiled.xenFile())) {
				file = xen;
			} else if (!Files.isRegularFile(file)) {
				file = inputs.containsKey(name) ? inputs.get(name) : sourceDir.resolve(name);
			}
			if (Files.isRegularFile(file)) {
				out.put(name, file);
			}
		}
		return out;
	}

	static void disk(Path image, Map<String, Path> files) throws IOException, InterruptedException {
		long total = 0;
		for (Path p : files.values()) {
			total += Files.size(p);
		}
		long size = Math.max(64L << 20, (total * 2 + (32L << 20) + (1L << 20) - 1) & -(1L << 20));
		try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
			f.setLength(size);
		}
		mtools("mformat", "-i", image.toString(), "-v", "DOMINO", "::");
		Set<String> dirs = new TreeSet<>();
		for (String name : files.keySet()) {
			Path parent = Path.of(name).getParent();
			for (Path p = parent; p != null; p = p.getParent()) {
				dirs.add(p.toString().replace('\\', '/'));
			}
		}
		for (String dir : dirs) { // sorted: a parent before its children
			mtools("mmd", "-i", image.toString(), "::/" + dir);
		}
		for (Map.Entry<String, Path> e : files.entrySet()) {
			mtools("mcopy", "-i", image.toString(), "-o", e.getValue().toString(), "::/" + e.getKey());
		}
	}

	private static void mtools(String... command) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().put("MTOOLS_SKIP_CHECK", "1");
		Process p = pb.start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IOException("run: " + command[0] + " did not finish");
		}
		if (p.exitValue() != 0) {
			throw new IOException("run: " + String.join(" ", command) + " failed: " + output);
		}
	}

	/** U-Boot padded to its flash bank. */
	static void flash(Path uboot, Path to) throws IOException {
		Files.copy(uboot, to, StandardCopyOption.REPLACE_EXISTING);
		pad(to);
	}

	/** The environment as mkenvimage writes it: CRC-32 (little-endian) of the data, then NUL-separated key=value. */
	static byte[] environment(List<String> variables) {
		byte[] env = new byte[ENV_SIZE];
		int at = 4;
		for (String v : variables) {
			byte[] b = v.getBytes(StandardCharsets.UTF_8);
			System.arraycopy(b, 0, env, at, b.length);
			at += b.length + 1;
		}
		CRC32 crc = new CRC32();
		crc.update(env, 4, ENV_SIZE - 4);
		long c = crc.getValue();
		for (int i = 0; i < 4; i++) {
			env[i] = (byte) (c >>> (8 * i));
		}
		return env;
	}

	static void environment(Path to, String startCommand) throws IOException {
		Files.write(to, environment(new ArrayList<>(List.of("bootdelay=0", "bootcmd=virtio scan; " + startCommand))));
		pad(to);
	}

	private static void pad(Path file) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
			if (f.length() < FLASH) {
				f.setLength(FLASH);
			}
		}
	}
}
