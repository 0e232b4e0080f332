package org.caremap.medication;

import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * A medication as someone writes it down: the RxNorm code where it is known (free text otherwise), the name, dose,
 * route, frequency, prescriber and where it comes from. Blank optional texts become absent; sizes are bounded.
 */
public record MedicationEntry(@Nullable String rxnormCode, String name, @Nullable String dose, @Nullable String route,
		@Nullable String frequency, @Nullable String prescriber, MedicationSource source) {

	public MedicationEntry {
		rxnormCode = Texts.orNull(rxnormCode);
		name = name == null ? "" : name.trim();
		dose = Texts.orNull(dose);
		route = Texts.orNull(route);
		frequency = Texts.orNull(frequency);
		prescriber = Texts.orNull(prescriber);
		if (name.isEmpty()) throw new DomainException("medication.name-required", "a medication needs a name");
		if (name.length() > 200) throw new DomainException("medication.too-long", "the name is too long", "200");
		if (rxnormCode != null && !rxnormCode.matches("[0-9]{1,12}")) {
			throw new DomainException("medication.rxnorm", "an RxNorm code is digits only", rxnormCode);
		}
		if (source == null) throw new DomainException("medication.source-required", "say where the medication comes from");
		bounded(dose, 120);
		bounded(route, 60);
		bounded(frequency, 120);
		bounded(prescriber, 120);
	}

	private static void bounded(@Nullable String text, int max) {
		if (text != null && text.length() > max) {
			throw new DomainException("medication.too-long", "a field is too long", String.valueOf(max));
		}
	}

	/** How the dose is taken, in one line: "10 mg · by mouth · once a day". */
	public String how() {
		StringBuilder s = new StringBuilder();
		for (String part : new String[] { dose, route, frequency }) {
			if (part == null) continue;
			if (!s.isEmpty()) s.append(" · ");
			s.append(part);
		}
		return s.toString();
	}
}
