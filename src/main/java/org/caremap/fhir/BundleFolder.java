package org.caremap.fhir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.shared.SystemActor;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * The batch import: every FHIR bundle ({@code *.json}) of a folder, in name order, one transaction per bundle,
 * with a line of progress per bundle. A bundle that cannot be read or taken is reported and the others go on.
 */
@Component
public class BundleFolder {

	private final FhirImport imports;

	BundleFolder(FhirImport imports) {
		this.imports = imports;
	}

	/** Imports the folder; true when every bundle was taken. */
	public boolean importFolder(Path folder, PrintStream out) {
		List<Path> files;
		try (Stream<Path> listing = Files.list(folder)) {
			files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			out.println("Cannot read the folder " + folder + ": " + ex.getMessage());
			return false;
		}
		out.println("Importing " + files.size() + " bundles from " + folder);
		FhirContext fhir = FhirContext.forR4Cached();
		int failed = 0;
		long started = System.nanoTime();
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			long t0 = System.nanoTime();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, reader);
				FhirImport.Summary summary = SystemActor.call("fhir-import", List.of("SYSTEM"), () -> imports.importBundle(bundle));
				out.printf("[%d/%d] %s: %s (%.1f s)%n", i + 1, files.size(), file.getFileName(), summary.describe(),
						(System.nanoTime() - t0) / 1e9);
			}
			catch (IOException | RuntimeException ex) {
				failed++;
				out.printf("[%d/%d] %s: NOT IMPORTED: %s%n", i + 1, files.size(), file.getFileName(), ex.getMessage());
			}
		}
		out.printf("Done: %d bundles imported, %d not, in %.1f s%n", files.size() - failed, failed, (System.nanoTime() - started) / 1e9);
		return failed == 0;
	}
}
