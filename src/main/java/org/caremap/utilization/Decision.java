package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The payer's decision as recorded: its reference number, when it was made, the reason (required when anything is
 * denied or cut) and per line the units approved (0 for a denied line) and the approved period.
 */
public record Decision(@Nullable String payerReference, Instant decidedAt, @Nullable String reason, List<LineAnswer> lines) {

	public Decision {
		payerReference = Texts.orNull(payerReference);
		reason = Texts.orNull(reason);
		if (decidedAt == null) throw new DomainException("authorization.decided-at", "say when the payer decided");
		if (lines == null || lines.isEmpty()) throw new DomainException("authorization.no-lines", "answer every line");
		lines = List.copyOf(lines);
	}

	/** The payer's answer to one line: units approved and the period; a denied line has 0 units and no period. */
	public record LineAnswer(UUID line, int unitsApproved, @Nullable LocalDate from, @Nullable LocalDate to,
			@Nullable String reason) {

		public LineAnswer {
			reason = Texts.orNull(reason);
			if (unitsApproved < 0 || unitsApproved > 9999) throw new DomainException("authorization.units", "units from 0 to 9999");
			if (unitsApproved > 0 && (from == null || to == null)) {
				throw new DomainException("authorization.period", "an approved line needs its approved period");
			}
			if (from != null && to != null && to.isBefore(from)) {
				throw new DomainException("authorization.dates", "the approved period ends before it starts");
			}
		}
	}
}
