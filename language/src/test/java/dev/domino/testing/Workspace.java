package dev.domino.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.inject.Injector;

import dev.domino.DominoStandaloneSetup;
import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;

/**
 * A folder of .domino files and boot binaries for one test. The binaries are small but real in
 * the ways Domino looks at: an arm64 Image header with its image size, a cpio or gzip magic, a DTB.
 */
public final class Workspace {
	private static Injector injector;

	private final Path root;

	public Workspace(Path root) {
		this.root = root;
	}

	public static synchronized Injector injector() {
		if (injector == null) {
			injector = new DominoStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	public Path root() {
		return root;
	}

	public Path path(String name) {
		return root.resolve(name);
	}

	public Path write(String name, String text) throws IOException {
		Path p = root.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text, StandardCharsets.UTF_8);
		return p;
	}

	/** An arm64 Image: the header says {@code imageSize} bytes in memory; the file has {@code fileSize}. */
	public Path arm64Image(String name, int fileSize, long imageSize) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(Math.max(fileSize, 64)).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, 0x91005a4d); // "MZ" and a branch, as Linux has
		b.putLong(16, imageSize);
		b.putInt(56, 0x644d5241); // ARM\x64
		return bytes(name, b.array());
	}

	/** A gzip-compressed cpio ramdisk of about {@code size} bytes. */
	public Path ramdisk(String name, int size) throws IOException {
		byte[] data = new byte[size];
		data[0] = 0x1f;
		data[1] = (byte) 0x8b;
		return bytes(name, data);
	}

	public Path bytes(String name, byte[] data) throws IOException {
		Path p = root.resolve(name);
		Files.createDirectories(p.getParent());
		Files.write(p, data);
		return p;
	}

	/** The QEMU virt board file and binaries most tests start from; returns the board file. */
	public Path qemuBoard() throws IOException {
		Files.copy(Examples.dir().resolve("qemu-virt/qemu-virt.dtb"), root.resolve("qemu-virt.dtb"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		arm64Image("bin/xen", 983048, 0x1360c8);
		arm64Image("bin/Image", 4 << 20, 0x2010000);
		ramdisk("bin/web.cpio.gz", 986380);
		ramdisk("bin/rt.cpio.gz", 986377);
		return write("qemu-virt.domino", Files.readString(Examples.dir().resolve("qemu-virt/qemu-virt.domino")));
	}

	public DominoCompiler compiler() {
		Path base = root;
		return new DominoCompiler(injector(), new Locations(uri -> uri.isFile()
				? base.relativize(Path.of(uri.toFileString())).toString().replace('\\', '/') : uri.toString()));
	}

	public Analysis analyse(String... files) throws Exception {
		return analyse(CheckContext.Mode.COMPILE, files);
	}

	public Analysis analyse(CheckContext.Mode mode, String... files) throws Exception {
		List<Path> paths = new ArrayList<>();
		for (String f : files) {
			paths.add(root.resolve(f));
		}
		return compiler().check(paths, mode);
	}

	/** Diagnostics as "file:line:col: severity[rule]: message", one per line. */
	public static String format(List<Diagnostic> diagnostics) {
		StringBuilder out = new StringBuilder();
		for (Diagnostic d : diagnostics) {
			out.append(d.format()).append('\n');
		}
		return out.toString();
	}
}
