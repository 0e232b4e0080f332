package org.caremap.quality.internal;

/**
 * The outcome measures in the dashboard's order. Each has its name and written definition in the bundle
 * ({@code quality.measure.<key>} and {@code quality.definition.<key>}) and the unit of its value.
 */
public enum Measure {
	ENROLLED("enrolled", Unit.COUNT), NEW("new", Unit.COUNT), CLOSED("closed", Unit.COUNT),
	READMISSIONS("readmissions", Unit.PERCENT), CADENCE("cadence", Unit.PERCENT), GOALS_MET("goalsMet", Unit.PERCENT),
	FIRST_CONTACT("firstContact", Unit.DAYS), PHQ9_RESPONSE("phq9Response", Unit.PERCENT),
	PHQ9_REMISSION("phq9Remission", Unit.PERCENT), TCM_CONTACT("tcmContact", Unit.PERCENT),
	TCM_VISIT_7("tcmVisit7", Unit.PERCENT), TCM_VISIT_14("tcmVisit14", Unit.PERCENT),
	TRC_ENGAGEMENT("trcEngagement", Unit.PERCENT), TRC_MEDICATION("trcMedication", Unit.PERCENT),
	SOCIAL_CLOSED("socialClosed", Unit.PERCENT), COMMUNITY_CLOSED("communityClosed", Unit.PERCENT), AUTHORIZATION_TURNAROUND("authorizationTurnaround", Unit.HOURS), ED_BEFORE("edBefore", Unit.PER_1000), ED_AFTER("edAfter", Unit.PER_1000),
	ADMISSIONS_BEFORE("admissionsBefore", Unit.PER_1000), ADMISSIONS_AFTER("admissionsAfter", Unit.PER_1000);

	public enum Unit {
		COUNT, PERCENT, DAYS, HOURS, PER_1000
	}

	final String key;
	final Unit unit;

	public String key() {
		return key;
	}

	public Unit unit() {
		return unit;
	}

	Measure(String key, Unit unit) {
		this.key = key;
		this.unit = unit;
	}

	public static java.util.Optional<Measure> byKey(String key) {
		for (Measure m : values()) if (m.key.equals(key)) return java.util.Optional.of(m);
		return java.util.Optional.empty();
	}
}
