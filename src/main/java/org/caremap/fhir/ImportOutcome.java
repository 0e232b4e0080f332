package org.caremap.fhir;

import org.jspecify.annotations.Nullable;

/**
 * What became of one imported resource: {@code CREATED} (new in Caremap), {@code MATCHED} (Caremap held it
 * already), {@code SKIPPED} (not kept, with the reason), with the Caremap reference, e.g. {@code Patient/<id>}.
 */
public record ImportOutcome(Kind kind, @Nullable String reference, @Nullable String reason) {

	public enum Kind {
		CREATED, MATCHED, SKIPPED
	}

	public static ImportOutcome created(String reference) {
		return new ImportOutcome(Kind.CREATED, reference, null);
	}

	public static ImportOutcome matched(String reference) {
		return new ImportOutcome(Kind.MATCHED, reference, null);
	}

	public static ImportOutcome skipped(String reason) {
		return new ImportOutcome(Kind.SKIPPED, null, reason);
	}
}
