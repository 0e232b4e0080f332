package org.caremap.community;

import java.util.Arrays;
import java.util.Optional;

/**
 * The groups a service may be restricted to (the structured eligibility the search filters on). A service that lists
 * none serves everyone; one that lists some serves people in any of them. Labels: {@code community.eligibility.<NAME>}.
 */
public enum Eligibility {
	VETERAN, MEDICAID, MEDICARE, UNINSURED, LOW_INCOME, DISABILITY, PREGNANT, CAREGIVER, SENIOR, YOUTH, IMMIGRANT,
	FAMILY_WITH_CHILDREN, SURVIVOR;

	public static Optional<Eligibility> of(String code) {
		return Arrays.stream(values()).filter(e -> e.name().equalsIgnoreCase(code)).findFirst();
	}
}
