package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.caremap.support.CaremapProcess;
import org.caremap.support.Synthea;
import org.junit.jupiter.api.Test;

/**
 * The batch import as an operator runs it: {@code java -jar caremap.jar fhir-import <folder>} against the
 * database of a running Caremap, printing a line of progress per bundle; run twice, the second run adds nothing.
 */
class FhirImportCommandIT {

	@Test
	void theCommandImportsAFolderWithProgressAndASecondRunAddsNothing() throws Exception {
		Path bundles = Synthea.patients(10);
		try (CaremapProcess caremap = new CaremapProcess(Path.of("target", "it-import-command"))) {
			caremap.startApp(); // creates the organisation (and its demo patients)
			caremap.awaitReady();
			long before = Long.parseLong(caremap.query("select count(*) from patient").get(0));
			Map.Entry<Integer, String> first = caremap.command("fhir-import", bundles.toString());
			System.out.println(first.getValue());
			assertThat(first.getKey()).as(first.getValue()).isZero();
			assertThat(first.getValue()).contains("Importing 11 bundles").contains("[1/11]").contains("[11/11]")
				.contains("Patient 1 created").contains("Done: 11 bundles imported, 0 not");
			long after = Long.parseLong(caremap.query("select count(*) from patient").get(0));
			assertThat(after).isEqualTo(before + 10);
			long encounters = Long.parseLong(caremap.query("select count(*) from encounter").get(0));

			Map.Entry<Integer, String> second = caremap.command("fhir-import", bundles.toString());
			assertThat(second.getKey()).as(second.getValue()).isZero();
			assertThat(second.getValue()).contains("Patient 1 matched").doesNotContain("Patient 1 created");
			assertThat(Long.parseLong(caremap.query("select count(*) from patient").get(0))).isEqualTo(after);
			assertThat(Long.parseLong(caremap.query("select count(*) from encounter").get(0))).isEqualTo(encounters);

			Map.Entry<Integer, String> missing = caremap.command("fhir-import", bundles.resolve("no-such-folder").toString());
			assertThat(missing.getKey()).isEqualTo(1);
			assertThat(missing.getValue()).contains("Cannot read the folder");
		}
	}
}
