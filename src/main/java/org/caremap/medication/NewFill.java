package org.caremap.medication;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/** A pharmacy fill to record: the drug (RxNorm code where known), when, for how many days, where it came from. */
public record NewFill(PatientId patient, @Nullable String rxnormCode, String drugName, LocalDate filledOn, int daysSupply,
		@Nullable BigDecimal quantity, @Nullable String pharmacy, String source, @Nullable String sourceReference) {

	public NewFill {
		rxnormCode = Texts.orNull(rxnormCode);
		drugName = drugName == null ? "" : drugName.trim();
		pharmacy = Texts.orNull(pharmacy);
		sourceReference = Texts.orNull(sourceReference);
		if (drugName.isEmpty()) throw new DomainException("fill.drug-required", "a fill needs the drug's name");
		if (drugName.length() > 200) throw new DomainException("medication.too-long", "the name is too long", "200");
		if (rxnormCode != null && !rxnormCode.matches("[0-9]{1,12}")) {
			throw new DomainException("medication.rxnorm", "an RxNorm code is digits only", rxnormCode);
		}
		if (filledOn == null) throw new DomainException("fill.date-required", "a fill needs its date");
		if (daysSupply < 1 || daysSupply > 365) {
			throw new DomainException("fill.days-supply", "days supply must be 1 to 365", String.valueOf(daysSupply));
		}
		if (quantity != null && quantity.signum() <= 0) throw new DomainException("fill.quantity", "the quantity must be above 0");
		if (pharmacy != null && pharmacy.length() > 200) throw new DomainException("medication.too-long", "too long", "200");
		if (sourceReference != null && sourceReference.length() > 300) {
			throw new DomainException("medication.too-long", "too long", "300");
		}
	}
}
