package org.caremap.patient;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything the registry holds on a patient, as the chart shows it; the conditions labelled 42 CFR Part 2 are left
 * out for a reader outside the patient's Part 2 programs, and counted ({@code withheldConditions}).
 */
public record PatientDetails(PatientHeader header, @Nullable String middleName, @Nullable String phone,
		@Nullable String email, @Nullable String addressLine, @Nullable String city, @Nullable String state,
		@Nullable String postalCode, List<PatientIdentifier> identifiers, List<CodedCondition> conditions,
		List<SupportContact> network, List<Coverage> coverage, Instant registeredAt, String registeredBy,
		ContactMethod contactMethod, @Nullable String contactTimes, boolean interpreterNeeded,
		List<PatientProvider> providers, DatePrecision birthDatePrecision, int withheldConditions) {

	public PatientDetails {
		identifiers = List.copyOf(identifiers);
		conditions = List.copyOf(conditions);
		network = List.copyOf(network);
		coverage = List.copyOf(coverage);
		providers = List.copyOf(providers);
		if (birthDatePrecision == null) birthDatePrecision = DatePrecision.DAY;
	}

	/** The birth date as far as it is known ({@code 1950}, {@code 1950-05} or a whole date). */
	public String birthDateAsKnown() {
		return birthDatePrecision.format(header.birthDate());
	}
}
