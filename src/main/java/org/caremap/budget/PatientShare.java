package org.caremap.budget;

import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * What the patient pays for an arranged service: nothing (free), a copay of their coverage, a fee of the service, a
 * sliding-scale amount (set from their income), or not known yet; with an amount in cents and what it is paid per.
 */
public record PatientShare(Kind kind, @Nullable Long amountCents, @Nullable Per per, @Nullable String note) {

	public enum Kind {
		FREE, COPAY, FEE, SLIDING_SCALE, UNKNOWN;

		/** Whether an amount goes with it. */
		public boolean hasAmount() {
			return this != FREE && this != UNKNOWN;
		}
	}

	public enum Per {
		VISIT, RIDE, SESSION, MONTH, ONCE
	}

	public PatientShare {
		if (kind == null) throw new DomainException("share.kind", "say what the patient pays");
		note = Texts.orNull(note);
		if (note != null && note.length() > 500) throw new DomainException("share.note", "a note is at most 500 characters");
		if (kind.hasAmount()) {
			if (amountCents == null || amountCents < 0 || amountCents > 100_000_000L) {
				throw new DomainException("share.amount", "give the amount the patient pays");
			}
			if (per == null) throw new DomainException("share.per", "say what the amount is paid per");
		}
		else {
			amountCents = null;
			per = null;
		}
	}
}
