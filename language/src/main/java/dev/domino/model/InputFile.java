package dev.domino.model;

import java.nio.file.Path;

import dev.domino.files.FileFacts;

/**
 * A file the system loads: as written in the source, resolved against the file that names it,
 * and the name the boot script loads it by (relative to the system file's folder).
 */
public record InputFile(String written, Path path, String bootName, FileFacts facts, SourceLocation where) {
}
