package org.caremap.community;

import java.util.Arrays;
import java.util.Optional;

/**
 * The social-need categories a directory service meets: the codes the assessments record for a positive screen
 * (AHC HRSN and the comprehensive assessment: the Gravity SDOH domains), plus the other needs community services
 * commonly meet. Each code's label is the message {@code community.need.<code>}.
 */
public enum Need {
	FOOD_INSECURITY("food-insecurity"), HOUSING_INSTABILITY("housing-instability"), HOMELESSNESS("homelessness"),
	HOUSING_QUALITY("housing-quality"), TRANSPORTATION("transportation"), UTILITIES("utilities"),
	INTERPERSONAL_SAFETY("interpersonal-safety"), FINANCIAL_STRAIN("financial-strain"), EMPLOYMENT("employment"),
	EDUCATION("education"), CHILD_CARE("child-care"), SOCIAL_ISOLATION("social-isolation"),
	MENTAL_HEALTH("mental-health"), SUBSTANCE_USE("substance-use"), LEGAL("legal"), HEALTH_CARE_ACCESS("health-care-access"),
	DISABILITY("disability"), CAREGIVER_SUPPORT("caregiver-support");

	private final String code;

	Need(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** The message key of the need's label. */
	public String label() {
		return "community.need." + code;
	}

	public static Optional<Need> of(String code) {
		return Arrays.stream(values()).filter(n -> n.code.equals(code)).findFirst();
	}
}
