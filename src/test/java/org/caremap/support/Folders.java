package org.caremap.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes test folders. */
public final class Folders {

	private Folders() {
	}

	public static void deleteTree(Path root) {
		if (!Files.exists(root)) return;
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
