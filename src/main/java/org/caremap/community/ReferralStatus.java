package org.caremap.community;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a community referral's fulfilment stands: the statuses of the Task of the HL7 SDOH Clinical Care guide
 * (Gravity) that Caremap uses, and the actions that move it. The same table is in the database
 * ({@code community_referral_transition}); every change is one update joined to it, so a refused move changes nothing.
 */
public enum ReferralStatus {
	REQUESTED("requested"), RECEIVED("received"), ACCEPTED("accepted"), REJECTED("rejected"), IN_PROGRESS("in-progress"),
	COMPLETED("completed"), CANCELLED("cancelled");

	private final String fhir;

	ReferralStatus(String fhir) {
		this.fhir = fhir;
	}

	/** The FHIR Task status code. */
	public String fhirCode() {
		return fhir;
	}

	public static ReferralStatus ofFhir(String code) {
		for (ReferralStatus s : values()) if (s.fhir.equals(code)) return s;
		throw new IllegalArgumentException("unknown task status " + code);
	}

	/** The organisation still owes a first answer. */
	public boolean awaitingAnswer() {
		return this == REQUESTED || this == RECEIVED;
	}

	/** Nothing moves it any more. */
	public boolean closed() {
		return this == REJECTED || this == COMPLETED || this == CANCELLED;
	}

	/** An action on a referral: the statuses it may start from and the status it leads to. */
	public enum Action {
		/** the organisation opened it */
		RECEIVE(EnumSet.of(REQUESTED), RECEIVED),
		ACCEPT(EnumSet.of(REQUESTED, RECEIVED), ACCEPTED),
		/** declined by the organisation, with its reason */
		REJECT(EnumSet.of(REQUESTED, RECEIVED), REJECTED),
		/** the organisation is working on it */
		START(EnumSet.of(ACCEPTED), IN_PROGRESS),
		/** closed with its outcome */
		COMPLETE(EnumSet.of(ACCEPTED, IN_PROGRESS), COMPLETED),
		/** withdrawn by the case manager (or the organisation), with the reason */
		CANCEL(EnumSet.of(REQUESTED, RECEIVED, ACCEPTED, IN_PROGRESS), CANCELLED);

		private final Set<ReferralStatus> from;
		private final ReferralStatus to;

		Action(Set<ReferralStatus> from, ReferralStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<ReferralStatus> from() {
			return from;
		}

		public ReferralStatus to() {
			return to;
		}

		public boolean allowedFrom(ReferralStatus status) {
			return from.contains(status);
		}

		/** Whether the action needs a reason (the Task's statusReason). */
		public boolean needsReason() {
			return this == REJECT || this == CANCEL;
		}
	}
}
