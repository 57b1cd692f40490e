package dev.domino.files;

/** What a boot file is, recognised from its first bytes (the checks ImageBuilder does with file(1)). */
public enum FileType {
	ARM64_IMAGE("arm64 Image"),
	ARM32_ZIMAGE("arm32 zImage"),
	UIMAGE("U-Boot legacy image"),
	DTB("device tree blob"),
	GZIP("gzip-compressed file"),
	XZ("xz-compressed file"),
	ZSTD("zstd-compressed file"),
	LZ4("lz4-compressed file"),
	CPIO("cpio archive"),
	XSM_POLICY("XSM policy"),
	ELF("ELF executable"),
	UNKNOWN("file of unrecognised type");

	private final String description;

	FileType(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}

	public boolean isCompressed() {
		return this == GZIP || this == XZ || this == ZSTD || this == LZ4;
	}
}
