package org.caremap.community;

/** How a closed community referral ended, as the organisation (or the case manager, told by phone) reports it. */
public enum ReferralOutcome {
	SERVICE_DELIVERED("service-delivered", "Service delivered"), UNABLE_TO_CONTACT("unable-to-contact", "Unable to contact the patient"),
	DECLINED_BY_PATIENT("declined-by-patient", "Declined by the patient"), NOT_ELIGIBLE("not-eligible", "Not eligible");

	private final String code;
	private final String display;

	ReferralOutcome(String code, String display) {
		this.code = code;
		this.display = display;
	}

	/** The code Caremap's FHIR Task output uses. */
	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	public static ReferralOutcome ofCode(String code) {
		for (ReferralOutcome o : values()) if (o.code.equals(code) || o.name().equals(code)) return o;
		throw new IllegalArgumentException("unknown outcome " + code);
	}
}
