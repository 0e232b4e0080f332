package org.caremap.fhir;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * What became of one imported resource: {@code CREATED} (new in Caremap), {@code MATCHED} (Caremap held it
 * already), {@code SKIPPED} (not kept, with the reason), {@code REFUSED} (invalid or not permitted, with the reason;
 * only in a batch, where each entry stands alone), with the Caremap reference, e.g. {@code Patient/<id>}, and the
 * patient the resource is about, for the audit trail.
 */
public record ImportOutcome(Kind kind, @Nullable String reference, @Nullable String reason, @Nullable PatientId patient) {

	public enum Kind {
		CREATED, MATCHED, SKIPPED, REFUSED
	}

	public static ImportOutcome created(String reference) {
		return new ImportOutcome(Kind.CREATED, reference, null, null);
	}

	public static ImportOutcome created(String reference, PatientId patient) {
		return new ImportOutcome(Kind.CREATED, reference, null, patient);
	}

	public static ImportOutcome matched(String reference) {
		return new ImportOutcome(Kind.MATCHED, reference, null, null);
	}

	public static ImportOutcome matched(String reference, PatientId patient) {
		return new ImportOutcome(Kind.MATCHED, reference, null, patient);
	}

	public static ImportOutcome skipped(String reason) {
		return new ImportOutcome(Kind.SKIPPED, null, reason, null);
	}

	public static ImportOutcome refused(String reason) {
		return new ImportOutcome(Kind.REFUSED, null, reason, null);
	}

	/** In words, for the audit trail: {@code created}, {@code found}, {@code not kept: ...}, {@code refused: ...}. */
	public String describe() {
		return switch (kind) {
			case CREATED -> "created";
			case MATCHED -> "found (already held)";
			case SKIPPED -> "not kept: " + reason;
			case REFUSED -> "refused: " + reason;
		};
	}
}
