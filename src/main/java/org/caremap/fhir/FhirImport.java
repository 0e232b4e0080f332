package org.caremap.fhir;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Onboarding from an EHR: a FHIR bundle (transaction, batch or collection, as EHRs and Synthea write them) taken
 * into Caremap's registry, timeline and the modules that own each resource, in one database transaction. Patients
 * already registered are recognised by their identifiers and demographics; everything else by its own identity,
 * so importing the same data again adds nothing.
 */
public interface FhirImport {

	/** Per resource type: how many were created, matched (already there) and skipped, with the skip reasons. */
	record Summary(Map<String, int[]> counts, Map<String, Integer> skipReasons, List<Entry> entries) {

		public int created() {
			return counts.values().stream().mapToInt(c -> c[0]).sum();
		}

		public int matched() {
			return counts.values().stream().mapToInt(c -> c[1]).sum();
		}

		public int skipped() {
			return counts.values().stream().mapToInt(c -> c[2]).sum();
		}

		/** One line per type, e.g. {@code Patient 1 matched; Encounter 312 created}. */
		public String describe() {
			StringBuilder s = new StringBuilder();
			counts.forEach((type, c) -> {
				if (s.length() > 0) s.append("; ");
				s.append(type);
				if (c[0] > 0) s.append(' ').append(c[0]).append(" created");
				if (c[1] > 0) s.append(' ').append(c[1]).append(" matched");
				if (c[2] > 0) s.append(' ').append(c[2]).append(" not kept");
			});
			return s.toString();
		}
	}

	/** What became of one entry of the bundle, in the bundle's order. */
	record Entry(String type, ImportOutcome outcome) {
	}

	Summary importBundle(Bundle bundle);
}
