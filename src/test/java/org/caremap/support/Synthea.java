package org.caremap.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Synthetic patients from Synthea 3.3.0, generated in their own JVM (Synthea depends on an old HAPI FHIR) on the
 * class path {@code tools/synthea/pom.xml} resolves. A fixed seed and reference date give the same patients every
 * time; the output of a run is reused by later tests of the same build.
 */
public final class Synthea {

	private Synthea() {
	}

	/** The FHIR folder of {@code count} living patients (seed 42, reference date 2025-01-01), generating it if needed. */
	public static synchronized Path patients(int count) throws IOException, InterruptedException {
		Path base = Path.of("target", "synthea", "seed-42-" + count).toAbsolutePath();
		Path fhir = base.resolve("fhir");
		if (Files.isRegularFile(base.resolve("done"))) return fhir;
		Folders.deleteTree(base);
		Files.createDirectories(base);
		Path classpath = base.resolve("classpath.txt");
		String mvnw = Path.of(System.getProperty("os.name").startsWith("Windows") ? "mvnw.cmd" : "mvnw").toAbsolutePath().toString();
		run(base.resolve("classpath.log"), List.of(mvnw, "-q", "-B", "-f", "tools/synthea/pom.xml", "dependency:build-classpath",
				"-Dmdep.outputFile=" + classpath));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx2g", "-cp", Files.readString(classpath).trim(), "App", "-s", "42", "-cs", "42", "-r", "20250101", "-p",
				Integer.toString(count), "--generate.only_alive_patients=true", "--exporter.years_of_history=5",
				"--exporter.fhir.transaction_bundle=true", "--exporter.hospital.fhir.export=false",
				"--exporter.practitioner.fhir.export=true", "--exporter.baseDirectory=" + base));
		run(base.resolve("synthea.log"), command);
		Files.writeString(base.resolve("done"), "");
		return fhir;
	}

	private static void run(Path log, List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + String.join(" ", command.subList(0, 3)) + " (see " + log + ")");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("failed with " + process.exitValue() + ": " + command.get(0) + " ...\n"
					+ Files.readString(log));
		}
	}
}
