package org.caremap.portal;

import java.util.EnumSet;
import java.util.Set;

import org.caremap.patient.SupportContact.Disclosure;

/** The parts of the portal, each shown to the patient and to a proxy whose disclosure level allows it. */
public enum PortalSection {
	APPOINTMENTS("appointments"), TASKS("tasks"), CARE_PLAN("plan"), MEDICATIONS("medications"), CARE_TEAM("team"),
	REFERRALS("referrals"), MESSAGES("messages"), QUESTIONNAIRES("questionnaires"), MEASURES("measures"),
	SHARING("sharing");

	private final String path;

	PortalSection(String path) {
		this.path = path;
	}

	/** The section's page: {@code /portal/} and this. */
	public String path() {
		return path;
	}

	/**
	 * What a proxy told this much sees ("appointments only", "plan only", "everything but notes"). The patient's things
	 * to do are part of the plan (who does what), so a proxy told the plan sees them; marking one done needs more
	 * (CONTRIBUTE on the record: told everything).
	 */
	public static Set<PortalSection> forProxy(Disclosure disclosure) {
		return switch (disclosure) {
			case NOTHING -> EnumSet.noneOf(PortalSection.class);
			case APPOINTMENTS -> EnumSet.of(APPOINTMENTS);
			case CARE_PLAN -> EnumSet.of(TASKS, CARE_PLAN, CARE_TEAM);
			case EVERYTHING -> EnumSet.of(APPOINTMENTS, TASKS, CARE_PLAN, MEDICATIONS, CARE_TEAM, REFERRALS, MESSAGES, MEASURES);
		};
	}

	/** What the patient sees: everything, including who may see what (sharing). */
	public static Set<PortalSection> forPatient() {
		return EnumSet.allOf(PortalSection.class);
	}
}
