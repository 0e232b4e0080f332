package org.caremap.fhir;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Onboarding from an EHR: a FHIR bundle (transaction, batch or collection, as EHRs and Synthea write them) taken
 * into Caremap's registry, timeline and the modules that own each resource. A transaction (or collection) is taken
 * whole or not at all, in one database transaction; in a batch each entry stands alone (one that is invalid or
 * not permitted is refused, the others are kept). Patients already registered are recognised by their
 * identifiers and demographics; everything else by its own identity, so importing the same data again adds
 * nothing. Each entry is audited once, with what became of it; matching reads no one's record.
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

		public int refused() {
			return counts.values().stream().mapToInt(c -> c[3]).sum();
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
				if (c[3] > 0) s.append(' ').append(c[3]).append(" refused");
			});
			return s.toString();
		}
	}

	/** What became of one entry of the bundle, in the bundle's order. */
	record Entry(String type, ImportOutcome outcome) {
	}

	Summary importBundle(Bundle bundle);

	/** Where a long import stands: what the entries done so far became, and where to record the next chunk. */
	interface Chunks {

		/** Outcomes of entries already imported (by their index in the bundle), from an earlier run of the job. */
		java.util.Map<Integer, ImportOutcome> done();

		/** Records what became of a chunk's entries (by index), in the chunk's own database transaction. */
		void record(java.util.Map<Integer, Entry> chunk);

		/** Whether to stop before the next chunk. */
		boolean cancelled();
	}

	/**
	 * A large bundle imported in chunks of {@code size} entries, each chunk committed on its own with its outcomes
	 * (so a job that stops or dies resumes after the last committed chunk); entries stand alone, as in a batch.
	 * Returns false when it stopped because it was cancelled.
	 */
	boolean importInChunks(Bundle bundle, int size, Chunks chunks);
}
