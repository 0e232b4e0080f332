package org.caremap.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's head written outside the database (an append-only file and the log), so that rows cut from the
 * end of the chain, which leave no gap behind, are still found: the chain must reach every anchor with the
 * same hash. Each node keeps its own file; shipping the log keeps a copy off the machine.
 */
final class AnchorFile {

	private static final Logger log = LoggerFactory.getLogger("org.caremap.audit.anchor");

	record Anchor(long seq, String hash, Instant at) {
	}

	private final Path file;

	AnchorFile(Path file) {
		this.file = file;
	}

	synchronized void append(long seq, String hash) {
		Instant now = Instant.now();
		log.info("audit chain anchor seq={} hash={}", seq, hash);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, seq + " " + hash + " " + now + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the audit anchor to " + file, ex);
		}
	}

	synchronized List<Anchor> read() {
		if (!Files.exists(file)) return List.of();
		try {
			List<Anchor> anchors = new ArrayList<>();
			for (String line : Files.readAllLines(file)) {
				String[] parts = line.trim().split(" ");
				if (parts.length == 3) {
					anchors.add(new Anchor(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2])));
				}
			}
			return anchors;
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not read the audit anchors in " + file, ex);
		}
	}

	Path path() {
		return file;
	}
}
