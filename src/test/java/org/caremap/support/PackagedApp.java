package org.caremap.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests that run the packaged application as its own process share: the jar, the JVM, ports, the commit. */
public final class PackagedApp {

	private PackagedApp() {
	}

	/** The java launcher of the JVM running the tests. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The packaged application, {@code target/caremap-*.jar}. */
	public static Path jar() throws IOException {
		try (var files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("caremap-.*\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("target/caremap-*.jar is missing: run ./mvnw verify (it packages first)"));
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	/** The short id of the checked-out commit, for reports. */
	public static String commit() throws IOException {
		return new String(new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start().getInputStream().readAllBytes(),
				StandardCharsets.UTF_8).strip();
	}
}
