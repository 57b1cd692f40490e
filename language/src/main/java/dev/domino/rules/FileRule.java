package dev.domino.rules;

import java.util.Set;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.files.FileFacts;
import dev.domino.files.FileType;
import dev.domino.model.Arch;
import dev.domino.model.BootModule;
import dev.domino.model.InputFile;
import dev.domino.model.SystemModel;

/**
 * file: every file the system loads exists, can be read, is not empty and is what its role
 * needs (ImageBuilder checks this with file(1)). A missing file is a warning while editing
 * (it may not be built yet) and an error when compiling.
 */
final class FileRule implements Rule {
	static final Set<FileType> KERNELS = Set.of(FileType.ARM64_IMAGE, FileType.ARM32_ZIMAGE, FileType.UIMAGE,
			FileType.GZIP, FileType.ELF);
	static final Set<FileType> RAMDISKS = Set.of(FileType.CPIO, FileType.GZIP, FileType.XZ, FileType.ZSTD,
			FileType.LZ4, FileType.UIMAGE);

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.board().baseDtb() != null) {
			InputFile base = system.board().baseDtb();
			if (presence(context, base, "base-dtb", report) && base.facts().type() != FileType.DTB) {
				report.at(base.where(), "base-dtb \"" + base.written() + "\" is " + article(base.facts().type())
						+ ", not a device tree blob").emit();
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		for (BootModule m : system.modules()) {
			if (m.isGenerated() || m.file() == null) {
				continue;
			}
			if (m.role() == BootModule.Role.KERNEL && m.users().size() > 1 && m.file().facts().ok()
					&& m.file().facts().type() == FileType.GZIP) {
				// Xen unpacks a gzip'd kernel over the module's place: the next domain finds no kernel there
				// (RELEASE-4.17.0:xen/arch/arm/kernel.c:302-303; "Missing kernel boot module?")
				report.at(m.where(), "kernel \"" + m.file().written() + "\" is gzip-compressed and used by domains "
						+ String.join(", ", m.users()) + ": Xen unpacks it for the first and the others find no kernel;"
						+ " give each domain its own copy, or use the uncompressed Image").emit();
			}
			if (!presence(context, m.file(), m.role().description(), report)) {
				continue;
			}
			FileType type = m.file().facts().type();
			String what = m.role().description() + " \"" + m.file().written() + "\"";
			switch (m.role()) {
			case XEN -> {
				FileType wanted = system.board().arch() == Arch.AARCH32 ? FileType.ARM32_ZIMAGE : FileType.ARM64_IMAGE;
				if (type != wanted && type != FileType.UIMAGE) {
					report.at(m.where(), "the Xen image \"" + m.file().written() + "\" is " + article(type)
							+ ", not " + article(wanted) + " (use xen, not xen-syms or xen.efi alone)").emit();
				}
			}
			case KERNEL -> {
				if (!KERNELS.contains(type)) {
					report.warning(m.where(), what + " is " + article(type)
							+ "; Domino expects an arm64 Image, a zImage, a uImage or a gzip-compressed Image").emit();
				}
			}
			case RAMDISK -> {
				if (!RAMDISKS.contains(type)) {
					report.warning(m.where(), what + " is " + article(type)
							+ ", not a cpio archive (plain or compressed)").emit();
				}
			}
			case DTB -> {
				if (type != FileType.DTB) {
					report.at(m.where(), what + " is " + article(type) + ", not a device tree blob").emit();
				}
			}
			case XSM -> {
				if (type != FileType.XSM_POLICY) {
					report.at(m.where(), what + " is " + article(type) + ", not an XSM policy").emit();
				}
			}
			}
		}
	}

	/** Reports a missing, unreadable or empty file; true when the file can be inspected further. */
	private static boolean presence(CheckContext context, InputFile file, String role, RuleReport report) {
		FileFacts facts = file.facts();
		if (facts.ok()) {
			return true;
		}
		String message = "the " + role + " \"" + file.written() + "\" " + facts.problem()
				+ (facts.status() == FileFacts.Status.MISSING ? " (looked for " + file.path() + ")" : "");
		if (context.compiling()) {
			report.at(file.where(), message).emit();
		} else {
			report.warning(file.where(), message).emit();
		}
		return false;
	}

	private static String article(FileType type) {
		String d = type.description();
		return ("aeiou".indexOf(Character.toLowerCase(d.charAt(0))) >= 0 ? "an " : "a ") + d;
	}
}
