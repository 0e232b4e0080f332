package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The payer decided a request (approved, partially approved or denied), an appeal changed the decision, or the
 * request was withdrawn: whatever was waiting on the decision is settled. {@code submittedAt}: when the request
 * was sent to the payer (null when it never was, or in an event stored before it had one), for turnaround.
 * {@code lines} are the request's lines as they stand after the decision (what was approved, for when, and what was
 * used of it), for those who book their cost.
 */
public record AuthorizationDecided(PatientId patient, UUID authorization, AuthorizationStatus status, String payer,
		String service, Instant at, @Nullable Instant submittedAt, List<DecidedLine> lines) {

	public AuthorizationDecided {
		lines = lines == null ? List.of() : List.copyOf(lines);
	}

	public AuthorizationDecided(PatientId patient, UUID authorization, AuthorizationStatus status, String payer, String service,
			Instant at) {
		this(patient, authorization, status, payer, service, at, null, List.of());
	}

	/** One line after the decision: its code, the units approved (0 when denied or not yet answered) and used, the period. */
	public record DecidedLine(UUID line, CodeSystem system, String code, UnitKind unitKind, LineDecision decision,
			int unitsApproved, int unitsUsed, @Nullable LocalDate approvedFrom, @Nullable LocalDate approvedTo) {
	}

	/** The lines of a request as the view holds them. */
	public static List<DecidedLine> linesOf(AuthorizationView a) {
		return a.lines().stream().map(l -> new DecidedLine(l.id(), l.system(), l.code(), l.unitKind(), l.decision(),
				l.unitsApproved() == null ? 0 : l.unitsApproved(), l.unitsUsed(), l.approvedFrom(), l.approvedTo())).toList();
	}
}
