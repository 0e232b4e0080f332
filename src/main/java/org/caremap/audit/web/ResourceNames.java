package org.caremap.audit.web;

import java.util.Map;

/**
 * Resource types of audit rows in plain words: a few named here, the rest by splitting their CamelCase into words
 * ("ReassessmentRule" reads "Reassessment rule"); a type written with a package shows its simple name only.
 */
final class ResourceNames {

	private static final Map<String, String> NAMED = Map.ofEntries(
			Map.entry("AdtMessage", "ADT message"),
			Map.entry("CarePlan", "Care plan"),
			Map.entry("AuditTrail", "Audit trail"),
			Map.entry("PatientHeader", "Patient header"),
			Map.entry("PatientProvider", "Patient's provider"),
			Map.entry("UserAccount", "User account"),
			Map.entry("SocialNeed", "Social need"),
			Map.entry("SupportContact", "Support contact"),
			Map.entry("ReferralDocument", "Referral document"),
			Map.entry("ReassessmentRule", "Re-assessment rule"),
			Map.entry("Communication", "Contact"),
			Map.entry("Session", "Sign-in"),
			Map.entry("FhirApi", "FHIR API"));

	private ResourceNames() {
	}

	static String plain(String type) {
		String simple = type.strip();
		int dot = simple.lastIndexOf('.');
		if (dot >= 0) simple = simple.substring(dot + 1);
		int dollar = simple.lastIndexOf('$');
		if (dollar >= 0) simple = simple.substring(dollar + 1);
		String named = NAMED.get(simple);
		if (named != null) return named;
		if (simple.isEmpty()) return type;
		// split before an upper-case letter that follows a lower-case one or starts a word after an acronym
		String[] words = simple.replace('_', ' ')
			.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|\\s+");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words.length; i++) {
			String w = words[i];
			if (w.isEmpty()) continue;
			boolean acronym = w.length() > 1 && w.chars().noneMatch(Character::isLowerCase);
			String word = acronym ? w : (text.isEmpty() ? Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase()
					: w.toLowerCase());
			if (!text.isEmpty()) text.append(' ');
			text.append(word);
		}
		return text.toString();
	}
}
