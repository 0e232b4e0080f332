package org.caremap.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read (passwords kept beside the data), where the file system knows owners. */
public final class PrivateFiles {

	private PrivateFiles() {
	}

	/** Makes the file readable and writable by its owner only; on a file system without POSIX permissions the folder's own protection applies. */
	public static void ownerOnly(Path file) throws IOException {
		if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
	}
}
