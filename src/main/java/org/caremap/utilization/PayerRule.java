package org.caremap.utilization;

import java.util.UUID;

import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * What a payer owes and allows: the decision time frames (hours for an expedited request, calendar days for a
 * standard one) and the rule they come from, the appeal filing window in days from the notice and its source, and
 * when a re-authorization is due (a share of the approved units used, or a number of business days before the
 * approved period ends). The payer {@code *} is the rule for payers nobody configured.
 */
public record PayerRule(@Nullable UUID id, String payer, PayerType type, int expeditedHours, int standardDays,
		String decisionSource, int appealDays, String appealSource, int renewalSharePercent, int renewalBusinessDays) {

	public static final String ANY_OTHER = "*";

	public PayerRule {
		payer = Texts.orNull(payer);
		decisionSource = Texts.orNull(decisionSource);
		appealSource = Texts.orNull(appealSource);
		if (payer == null || type == null) throw new DomainException("payer-rule.payer", "name the payer");
		if (decisionSource == null || appealSource == null) {
			throw new DomainException("payer-rule.source", "name the source of each rule");
		}
		if (expeditedHours < 1 || expeditedHours > 720 || standardDays < 1 || standardDays > 90) {
			throw new DomainException("payer-rule.time-frame", "decision time frames: 1 to 720 hours, 1 to 90 days");
		}
		if (appealDays < 1 || appealDays > 365) throw new DomainException("payer-rule.appeal", "appeal window: 1 to 365 days");
		if (renewalSharePercent < 1 || renewalSharePercent > 100 || renewalBusinessDays < 0 || renewalBusinessDays > 60) {
			throw new DomainException("payer-rule.renewal", "re-authorization: 1 to 100 percent, 0 to 60 business days");
		}
	}

	/** Kinds of payer the decision and appeal rules differ by. */
	public enum PayerType {
		MEDICARE_ADVANTAGE, MEDICAID, CHIP, EXCHANGE_QHP, EMPLOYER_ERISA, MEDICARE, OTHER
	}
}
