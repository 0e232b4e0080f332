package org.caremap.utilization;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a prior authorization request stands, and the actions that move it: the transition table, guarded in SQL (an
 * action changes only a request in one of the statuses it starts from).
 */
public enum AuthorizationStatus {
	DRAFT, SUBMITTED, PENDED, APPROVED, PARTIALLY_APPROVED, DENIED, WITHDRAWN, EXPIRED;

	/** The payer still owes a decision. */
	public boolean awaitingDecision() {
		return this == SUBMITTED || this == PENDED;
	}

	/** Some units may be used under it. */
	public boolean inForce() {
		return this == APPROVED || this == PARTIALLY_APPROVED;
	}

	/** An action on a request: the statuses it may start from and the status it leads to. */
	public enum Action {
		/** sent to the payer: the decision clock starts */
		SUBMIT(EnumSet.of(DRAFT), SUBMITTED),
		/** the payer asks for more information */
		PEND(EnumSet.of(SUBMITTED), PENDED),
		/** the information asked for was sent */
		SEND_INFORMATION(EnumSet.of(PENDED), SUBMITTED),
		APPROVE(EnumSet.of(SUBMITTED, PENDED), APPROVED),
		PARTIALLY_APPROVE(EnumSet.of(SUBMITTED, PENDED), PARTIALLY_APPROVED),
		DENY(EnumSet.of(SUBMITTED, PENDED), DENIED),
		WITHDRAW(EnumSet.of(DRAFT, SUBMITTED, PENDED), WITHDRAWN),
		/** the approved period ended */
		EXPIRE(EnumSet.of(APPROVED, PARTIALLY_APPROVED), EXPIRED),
		/** an appeal overturned the denial (of all or of the denied part) */
		OVERTURN(EnumSet.of(DENIED, PARTIALLY_APPROVED), APPROVED),
		/** an appeal overturned part of a denial */
		PARTIALLY_OVERTURN(EnumSet.of(DENIED), PARTIALLY_APPROVED);

		private final Set<AuthorizationStatus> from;
		private final AuthorizationStatus to;

		Action(Set<AuthorizationStatus> from, AuthorizationStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<AuthorizationStatus> from() {
			return from;
		}

		public AuthorizationStatus to() {
			return to;
		}

		public boolean allowedFrom(AuthorizationStatus status) {
			return from.contains(status);
		}
	}
}
